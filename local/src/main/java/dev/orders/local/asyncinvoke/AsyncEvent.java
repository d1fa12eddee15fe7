package dev.orders.local.asyncinvoke;

import java.time.Instant;
import java.util.Optional;

/**
 * One event in Lambda's asynchronous queue: what was invoked, when it arrived, and what its attempts gave so far.
 * {@code invocations} counts the runs of the function (Lambda's approximateInvokeCount), {@code functionErrors}
 * the runs that failed (the retry budget), {@code systemFailures} the throttles and service errors (retried until
 * the event's age runs out, never counted against the retries). The last run's answer is kept for the
 * invocation record.
 */
public record AsyncEvent(
        String requestId,
        String function,
        Optional<String> qualifier,
        byte[] payload,
        Instant receivedAt,
        Instant nextAttemptAt,
        int invocations,
        int functionErrors,
        int systemFailures,
        boolean inFlight,
        Optional<LastResponse> lastResponse) {

    /** What the last attempt answered: an HTTP-like status (200 for a run), the version that ran, its error and payload. */
    public record LastResponse(int status, String executedVersion, Optional<String> functionError, byte[] payload) {}
}
