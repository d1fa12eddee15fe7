package dev.orders.local.lambda;

import java.util.Optional;

/**
 * A synchronous invocation's answer: status 200 for a run (even with a function error), the version that ran, the
 * response (or Lambda's error document), {@code functionError} "Unhandled" when the function failed, and the last
 * 4 KB of the invocation's log, as {@code LogType=Tail} returns it (not yet base64).
 */
public record Invocation(
        int status, String executedVersion, byte[] payload, Optional<String> functionError, String logTail) {}
