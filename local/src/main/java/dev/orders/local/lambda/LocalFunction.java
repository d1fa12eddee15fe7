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
    private volatile Observer observer = Observer.NONE;

    /** Hears each invocation as Lambda's metrics count it (Invocations, Errors, Throttles, Duration, ConcurrentExecutions). */
    public interface Observer {
        Observer NONE = new Observer() {
        };

        default void throttled(FunctionSettings function) {
        }

        /** An environment was taken; {@link #released} follows when the handler returns (maybe after a timeout). */
        default void started(FunctionSettings function) {
        }

        default void released(FunctionSettings function) {
        }

        /** The outcome the caller sees: an error (thrown or timed out) or not, and how long the invocation took. */
        default void completed(FunctionSettings function, String version, boolean error, java.time.Duration duration) {
        }
    }

    public LocalFunction(FunctionSettings settings, RequestHandler<I, O> handler) {
        this.settings = settings;
        this.handler = handler;
        this.concurrency = new Semaphore(settings.reservedConcurrency().orElse(Integer.MAX_VALUE));
    }

    public FunctionSettings settings() {
        return settings;
    }

    public LocalFunction<I, O> observe(Observer observer) {
        this.observer = observer;
        return this;
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
        Observer observer = this.observer;
        if (!concurrency.tryAcquire()) {
            observer.throttled(settings);
            return new Result.Throttled<>();
        }
        observer.started(settings);
        long started = System.nanoTime();
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
            observer.released(settings);
            if (failure == null) {
                run.complete(response);
            } else {
                run.completeExceptionally(failure);
            }
        });
        Result<O> result;
        try {
            result = new Result.Success<>(run.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException late) {
            LOG.warn("{} request {} timed out after {}", settings.logicalId(), requestId, settings.timeout());
            result = new Result.TimedOut<>();
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            LOG.warn("{} request {} failed", settings.logicalId(), requestId, cause);
            result = new Result.Failed<>(cause.getClass().getName(), String.valueOf(cause.getMessage()));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            result = new Result.Failed<>("Interrupted", "the runtime is stopping");
        }
        observer.completed(settings, version, !(result instanceof Result.Success<O>),
                java.time.Duration.ofNanos(System.nanoTime() - started));
        return result;
    }
}
