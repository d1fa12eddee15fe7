package dev.orders.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
import java.io.IOException;
import java.util.Optional;

/**
 * A function as a trigger invokes it: the real event object in, the real response object out, through Lambda's
 * boundary (the event serialized as Lambda's runtime would, the response read back from JSON). Triggers hold one
 * per function, bound to the qualifier the template wires them to ({@code live}); the outcome is the trigger's
 * to answer (an HTTP API answers 500 to a throttle, an SQS mapping retries it, …).
 */
public final class LocalFunction<I, O> {

    private final LambdaService lambda;
    private final String name;
    private final Optional<String> qualifier;
    private final EventJson<I> input;
    private final EventJson<O> output;

    LocalFunction(LambdaService lambda, String name, Optional<String> qualifier, Class<I> input, Class<O> output) {
        this.lambda = lambda;
        this.name = name;
        this.qualifier = qualifier;
        this.input = EventJson.of(input);
        this.output = EventJson.of(output);
    }

    /**
     * A test's handler object behind the same environments, concurrency, timeouts and logs (its $LATEST only), for
     * the triggers' own tests.
     */
    public static <I, O> LocalFunction<I, O> inProcess(
            FunctionSettings settings, Class<I> input, Class<O> output, RequestHandler<I, O> handler) {
        return new LocalFunction<>(
                LambdaService.inProcess(settings, input, output, handler),
                settings.logicalId(),
                Optional.empty(),
                input,
                output);
    }

    public String name() {
        return name;
    }

    public FunctionSettings settings() {
        return lambda.settings(name);
    }

    public LambdaService lambda() {
        return lambda;
    }

    /** The outcome of one synchronous invocation, as the trigger sees it. */
    public sealed interface Result<O> {
        /** The handler answered; {@code executedVersion} is the version that ran. */
        record Success<O>(O response, String executedVersion) implements Result<O> {}

        /** Lambda's 429 TooManyRequestsException, with its reason. */
        record Throttled<O>(String reason) implements Result<O> {}

        /** The handler threw, its init failed, or its response could not be read (Lambda's "Unhandled" function error). */
        record Failed<O>(String errorType, String errorMessage) implements Result<O> {}

        record TimedOut<O>() implements Result<O> {}
    }

    public Result<O> invoke(I event) {
        return invoke(event, () -> {});
    }

    /** As {@link #invoke(Object)}; {@code finished} runs once the handler has really returned (a timed-out one, later). */
    public Result<O> invoke(I event, Runnable finished) {
        Invocation invocation;
        try {
            invocation = lambda.invoke(
                    name,
                    qualifier,
                    input.write(event),
                    java.util.UUID.randomUUID().toString(),
                    finished);
        } catch (LambdaException refused) {
            finished.run();
            if (refused.type() == LambdaException.Type.TooManyRequestsException) {
                return new Result.Throttled<>(refused.reason().orElse(""));
            }
            return new Result.Failed<>(refused.type().name(), refused.getMessage());
        }
        if (invocation.functionError().isPresent()) {
            JsonNode error = readError(invocation.payload());
            String type = error.path("errorType").asText("Unhandled");
            if (type.equals("Sandbox.Timedout")) {
                return new Result.TimedOut<>();
            }
            return new Result.Failed<>(type, error.path("errorMessage").asText(""));
        }
        try {
            return new Result.Success<>(output.read(invocation.payload()), invocation.executedVersion());
        } catch (RuntimeException unreadable) {
            // a response Lambda could not serialize is a function error too
            return new Result.Failed<>("Runtime.SerializationError", String.valueOf(unreadable.getMessage()));
        }
    }

    private static JsonNode readError(byte[] payload) {
        try {
            return Json.internal().readTree(payload);
        } catch (IOException e) {
            return Json.internal().createObjectNode();
        }
    }
}
