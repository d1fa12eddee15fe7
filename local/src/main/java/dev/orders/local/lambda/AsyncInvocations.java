package dev.orders.local.lambda;

import java.util.Optional;

/** Lambda's asynchronous invocation (the Lambda API's Event invokes, S3 notifications, …). */
public interface AsyncInvocations {

    /** Queued durably, answered at once (202); retried and sent to destinations as the function's EventInvokeConfig says. */
    String enqueue(String functionName, Optional<String> qualifier, byte[] payload);   // returns the request id
}
