package dev.orders.local.lambda;

import java.util.Optional;

/**
 * The outcome of one synchronous invocation (provisional copy of the shared contract): status 200 for a run (even
 * with a function error), the version that ran, the answer (or the error object), the function error
 * ({@code "Unhandled"}) and the last 4 KB of the invocation's log, as {@code LogType=Tail} returns it.
 */
public record Invocation(int status, String executedVersion, byte[] payload, Optional<String> functionError, String logTail) {
}
