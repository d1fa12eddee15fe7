package dev.orders.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.aws.DynamoDbOrderStore;
import dev.orders.functions.aws.OrdersTable;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What one function of the template is sent and must answer: an event as its AWS trigger sends it (raw JSON, which
 * the runtime client deserializes with its own serialization library, as in Lambda), the answer expected (read
 * back from the raw JSON the client serialized) and the AWS calls that must have been made.
 */
interface Scenario {

    /**
     * The function, the run (unique per run, for the ids of what the scenario seeds), the stack it is deployed in, its
     * resolved environment, the AWS calls it made, and a DynamoDB client of the test's own on the same dynalite (its
     * calls are not the function's, so they are not recorded).
     */
    record Context(
            String function,
            String run,
            DeployedStack stack,
            Map<String, String> environment,
            AwsStubs aws,
            DynamoDbClient tables) {
        String variable(String name) {
            String value = environment.get(name);
            if (value == null) {
                throw new AssertionError(function + " has no environment variable " + name + " in the template");
            }
            return value;
        }

        /** The orders table the function reads and writes, through the functions' own store. */
        DynamoDbOrderStore orders() {
            return new DynamoDbOrderStore(tables, variable(OrdersTable.TABLE_NAME_VARIABLE), Clock.systemUTC());
        }
    }

    /** The event to send; a scenario seeds here what the function must find (in the table, under the run's ids). */
    String event(Context context);

    /** Throws an AssertionError saying what differs. */
    void expect(Context context, JsonNode answer);

    /**
     * Every call SnapStart priming makes before the checkpoint, no more and no fewer: {@code service.Operation} as
     * {@link AwsStubs} records them, followed by the environment variable naming the queue, table or bus called, if
     * any ({@code "sqs.GetQueueAttributes QUARANTINE_QUEUE_URL"}). Each must have been answered with a 2xx.
     */
    default List<String> primingCalls() {
        return List.of();
    }
}
