package dev.orders.local.lambdaapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.aws.AwsResponse;
import java.util.Map;
import java.util.Set;

/**
 * Lambda's REST-JSON errors as Lambda sends them: the type in {@code X-Amzn-ErrorType}, the request id in
 * {@code x-amzn-RequestId}, and a body {@code {"Type": "User"|"Service", "message": …}} — {@code "Message"} for the two
 * types whose model names it so (ResourceNotFoundException, ServiceException) — with {@code "Reason"} for a throttle.
 */
final class LambdaErrors {

    /** The exceptions whose service model spells the member {@code Message}; the others spell it {@code message}. */
    private static final Set<String> CAPITALISED = Set.of("ResourceNotFoundException", "ServiceException");

    private LambdaErrors() {}

    static AwsResponse of(ApiError error, String requestId) {
        ObjectNode body = Json.internal()
                .createObjectNode()
                .put("Type", error.status < 500 ? "User" : "Service")
                .put(CAPITALISED.contains(error.type) ? "Message" : "message", error.getMessage());
        error.reason.ifPresent(reason -> body.put("Reason", reason));
        return AwsResponse.json(
                error.status,
                "application/json",
                Map.of("X-Amzn-ErrorType", error.type, "x-amzn-RequestId", requestId),
                body);
    }
}
