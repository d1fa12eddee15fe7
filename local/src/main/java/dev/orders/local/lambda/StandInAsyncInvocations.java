package dev.orders.local.lambda;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * MERGE SEAM (lambdaapi): a stand-in for {@link AsyncInvocations} so that S3 notifications reach their function on a
 * branch without the asynchronous engine. It invokes the function once, on its own virtual thread, through today's
 * {@link LocalFunction}; it has none of Lambda's asynchronous semantics: no durable queue (an event not yet invoked is
 * lost with the process; the caller's own outbox still holds it until it is handed over here), no retries, no
 * {@code MaximumEventAgeInSeconds}, no OnFailure destination. The lead replaces it with the real engine at merge.
 */
public final class StandInAsyncInvocations implements AsyncInvocations {

    private static final Logger LOG = LoggerFactory.getLogger(StandInAsyncInvocations.class);

    private final Map<String, Function<byte[], LocalFunction.Result<?>>> functions = new ConcurrentHashMap<>();

    /** Makes {@code function} invocable by its name, its events decoded from Lambda's JSON by {@code decoder}. */
    public <I> StandInAsyncInvocations register(LocalFunction<I, ?> function, Function<byte[], I> decoder) {
        functions.put(function.settings().logicalId(), payload -> function.invoke(decoder.apply(payload)));
        return this;
    }

    @Override
    public String enqueue(String functionName, Optional<String> qualifier, byte[] payload) {
        Function<byte[], LocalFunction.Result<?>> function = functions.get(functionName);
        if (function == null) {
            throw new IllegalArgumentException("no function " + functionName + " is registered for asynchronous invocation");
        }
        String requestId = UUID.randomUUID().toString();
        Thread.ofVirtual().name("async-" + functionName + "-" + requestId).start(() -> {
            LocalFunction.Result<?> result = function.apply(payload);
            if (!(result instanceof LocalFunction.Result.Success<?>)) {
                LOG.warn("asynchronous invocation {} of {} ended {}; the stand-in does not retry it", requestId, functionName, result);
            }
        });
        return requestId;
    }
}
