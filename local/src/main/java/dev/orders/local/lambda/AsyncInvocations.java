package dev.orders.local.lambda;

import java.util.Optional;

/**
 * Lambda's asynchronous invocation: what the Lambda API's {@code Event} invokes and S3's notifications use. An event is
 * queued durably and answered at once (202); it is then invoked, retried and sent to the destinations the function's
 * {@code EventInvokeConfig} names.
 *
 * <p>PROVISIONAL COPY of the shared contract (docs: the lead's local-Lambda contract): the real implementation is
 * built on the "lambdaapi" branch; at merge its version of this interface wins and {@link StandInAsyncInvocations}
 * is deleted.
 */
public interface AsyncInvocations {

    /** Queued durably, answered at once (202); retried and sent to destinations as the function's EventInvokeConfig says. */
    String enqueue(String functionName, Optional<String> qualifier, byte[] payload);
}
