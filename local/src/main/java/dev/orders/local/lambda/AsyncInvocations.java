package dev.orders.local.lambda;

import java.util.Optional;

/** Lambda's asynchronous invocation: the Lambda API's Event invokes, S3 notifications, … (provisional copy of the shared contract). */
public interface AsyncInvocations {

    /**
     * Queued durably, answered at once (202); retried and sent to destinations as the function's EventInvokeConfig
     * says. Returns the request id. {@link LambdaException} when the function or qualifier does not exist
     * (ResourceNotFoundException) or the payload is over 1 MB (RequestTooLargeException).
     */
    String enqueue(String functionName, Optional<String> qualifier, byte[] payload);
}
