package dev.orders.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One deployed function in the local runtime: its handler, its timeout and its reserved concurrency.
 * An invocation beyond the reserved concurrency is throttled, as Lambda throttles it; one that runs
 * past the timeout fails with a timeout, and its concurrency slot stays taken until the handler
 * really returns (Lambda would have discarded the environment; a JVM thread cannot be killed).
 */
public final class LocalFunction<I, O> {

    private static final Logger LOG = LoggerFactory.getLogger(LocalFunction.class);

    private final FunctionSettings settings;
    private final RequestHandler<I, O> handler;
    private final Semaphore concurrency;
    private final String version = "1";

    public LocalFunction(FunctionSettings settings, RequestHandler<I, O> handler) {
        this.settings = settings;
        this.handler = handler;
        this.concurrency = new Semaphore(settings.reservedConcurrency().orElse(Integer.MAX_VALUE));
    }

    public FunctionSettings settings() {
        return settings;
    }

    /** The outcome of one synchronous invocation. */
    public sealed interface Result<O> {
        record Success<O>(O response) implements Result<O> {
        }

        /** Lambda's 429 TooManyRequestsException: no environment was free within the reserved concurrency. */
        record Throttled<O>() implements Result<O> {
        }

        /** The handler threw (Lambda's "Unhandled" function error). */
        record Failed<O>(String errorType, String errorMessage) implements Result<O> {
        }

        record TimedOut<O>() implements Result<O> {
        }
    }

    public Result<O> invoke(I input) {
        if (!concurrency.tryAcquire()) {
            return new Result.Throttled<>();
        }
        String requestId = UUID.randomUUID().toString();
        long deadline = System.currentTimeMillis() + settings.timeout().toMillis();
        LocalContext context = new LocalContext(requestId, settings, version, deadline);
        CompletableFuture<O> run = new CompletableFuture<>();
        Thread.ofVirtual().name(settings.logicalId() + "-" + requestId).start(() -> {
            O response = null;
            Throwable failure = null;
            try {
                response = handler.handleRequest(input, context);
            } catch (Throwable thrown) {
                failure = thrown;
            }
            // The environment is free again as soon as the handler returns, before its caller hears back.
            concurrency.release();
            if (failure == null) {
                run.complete(response);
            } else {
                run.completeExceptionally(failure);
            }
        });
        try {
            return new Result.Success<>(run.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException late) {
            LOG.warn("{} request {} timed out after {}", settings.logicalId(), requestId, settings.timeout());
            return new Result.TimedOut<>();
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            LOG.warn("{} request {} failed", settings.logicalId(), requestId, cause);
            return new Result.Failed<>(cause.getClass().getName(), String.valueOf(cause.getMessage()));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new Result.Failed<>("Interrupted", "the runtime is stopping");
        }
    }
}
