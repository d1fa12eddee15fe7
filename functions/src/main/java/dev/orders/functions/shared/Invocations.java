package dev.orders.functions.shared;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.function.Supplier;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The one way a handler runs an invocation: inside Powertools' logging scope, so every line it logs carries
 * the request's context (function_request_id, function name and version, cold start) and the scope's MDC
 * fields are cleared afterwards, even when the work throws. Every handler calls it (ArchitectureTest checks).
 */
public final class Invocations {

    private Invocations() {}

    public static <T> T logged(Context context, Supplier<T> work) {
        return PowertoolsLogging.withLogging(context, work);
    }
}
