package dev.orders.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * What one function of the template is sent and must answer: an event as its AWS trigger sends it (raw JSON, which
 * the runtime client deserializes with its own serialization library, as in Lambda), the answer expected (read
 * back from the raw JSON the client serialized) and the AWS calls that must have been made.
 */
interface Scenario {

    /** The function, the stack it is deployed in, its resolved environment, and the AWS calls it made. */
    record Context(String function, DeployedStack stack, Map<String, String> environment, AwsStubs aws) {
        String variable(String name) {
            String value = environment.get(name);
            if (value == null) {
                throw new AssertionError(function + " has no environment variable " + name + " in the template");
            }
            return value;
        }
    }

    String event(Context context);

    /** Throws an AssertionError saying what differs. */
    void expect(Context context, JsonNode answer);

    /** Calls ("service.Operation", as {@link AwsStubs} records them) that SnapStart priming must make before the checkpoint. */
    default List<String> primingCalls() {
        return List.of();
    }
}
