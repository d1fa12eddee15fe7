package dev.orders.local.lambda;

import java.time.Duration;

/** Hears what Lambda's metrics count: throttles, concurrency as invocations are admitted, each invocation's outcome, and output. */
public interface LambdaObserver {

    LambdaObserver NONE = new LambdaObserver() {};

    /**
     * One invocation's outcome, as its metrics and REPORT line state it.
     *
     * @param resource        the invoked resource: {@code Function:live}, {@code Function:3}, or {@code Function} for $LATEST
     * @param executedVersion the version that ran
     * @param viaAlias        invoked through an alias (only then does Lambda publish the ExecutedVersion dimension)
     * @param error           a function error (thrown, timed out, or failed init)
     * @param provisioned     it ran on a provisioned-concurrency environment
     * @param spillover       its version has provisioned concurrency but none was free: it ran on demand
     */
    record Report(
            String function,
            String resource,
            String executedVersion,
            boolean viaAlias,
            boolean error,
            Duration duration,
            boolean coldStart,
            boolean provisioned,
            boolean spillover) {}

    /** Both observers hear everything, {@code first} first (the metrics, and a deployment's own counts). */
    static LambdaObserver both(LambdaObserver first, LambdaObserver second) {
        return new LambdaObserver() {
            @Override
            public void throttled(String function, String resource, String reason) {
                first.throttled(function, resource, reason);
                second.throttled(function, resource, reason);
            }

            @Override
            public void admitted(
                    String function,
                    String resource,
                    int functionExecutions,
                    int accountExecutions,
                    int unreservedExecutions) {
                first.admitted(function, resource, functionExecutions, accountExecutions, unreservedExecutions);
                second.admitted(function, resource, functionExecutions, accountExecutions, unreservedExecutions);
            }

            @Override
            public void completed(Report report) {
                first.completed(report);
                second.completed(report);
            }

            @Override
            public void output(String function, String version, String line) {
                first.output(function, version, line);
                second.output(function, version, line);
            }
        };
    }

    default void throttled(String function, String resource, String reason) {}

    /** An invocation was admitted: the function's, the account's and the unreserved pool's executions in flight. */
    default void admitted(
            String function,
            String resource,
            int functionExecutions,
            int accountExecutions,
            int unreservedExecutions) {}

    default void completed(Report report) {}

    /** A line the function printed (its log), attributed to the version that printed it. */
    default void output(String function, String version, String line) {}
}
