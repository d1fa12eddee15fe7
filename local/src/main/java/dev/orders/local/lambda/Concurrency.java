package dev.orders.local.lambda;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Lambda's concurrency accounting for one account: every invocation in flight holds one unit from the moment it is
 * admitted until its handler returns. A function with reserved concurrency is capped at its reservation (across all
 * its versions); the others share what the reservations leave of the account limit. Each function also scales at
 * most {@code scalingRate} new environments per {@code scalingPeriod} (a token bucket refilled continuously).
 */
final class Concurrency {

    /** What an admitted invocation sees, for the ConcurrentExecutions metrics. */
    record Admitted(int function, int account, int unreserved) {}

    static final String RESERVED_LIMIT = "ReservedFunctionConcurrentInvocationLimitExceeded";
    static final String ACCOUNT_LIMIT = "ConcurrentInvocationLimitExceeded";
    static final String SCALING_RATE = "FunctionInvocationRateLimitExceeded";

    private final LambdaSettings settings;
    private final Map<String, Integer> reserved = new HashMap<>();
    private final Map<String, Integer> inFlight = new HashMap<>();
    private final Map<String, double[]> buckets = new HashMap<>();
    private int total;
    private int unreserved;

    Concurrency(LambdaSettings settings) {
        this.settings = settings;
    }

    LambdaSettings settings() {
        return settings;
    }

    synchronized OptionalInt reserved(String function) {
        Integer r = reserved.get(function);
        return r == null ? OptionalInt.empty() : OptionalInt.of(r);
    }

    /** PutFunctionConcurrency's check: the account keeps its unreserved minimum. */
    synchronized void reserve(String function, int amount) {
        if (amount < 0) {
            throw LambdaException.invalid("ReservedConcurrentExecutions must be at least 0");
        }
        int others = reserved.entrySet().stream()
                .filter(e -> !e.getKey().equals(function))
                .mapToInt(Map.Entry::getValue)
                .sum();
        if (settings.accountConcurrency() - others - amount < settings.minimumUnreserved()) {
            throw LambdaException.invalid("Specified ReservedConcurrentExecutions for function decreases account's "
                    + "UnreservedConcurrentExecution below its minimum value of [" + settings.minimumUnreserved()
                    + "].");
        }
        reserved.put(function, amount);
    }

    synchronized void unreserve(String function) {
        reserved.remove(function);
    }

    /** Admits one invocation of {@code function} or throws Lambda's throttle with its reason. */
    synchronized Admitted admit(String function) {
        int mine = inFlight.getOrDefault(function, 0);
        Integer cap = reserved.get(function);
        if (cap != null) {
            if (mine >= cap) {
                throw throttle("Rate Exceeded.", RESERVED_LIMIT);
            }
        } else if (unreserved >= unreservedPool()) {
            throw throttle("Rate Exceeded.", ACCOUNT_LIMIT);
        } else {
            unreserved++;
        }
        inFlight.put(function, mine + 1);
        total++;
        return new Admitted(mine + 1, total, unreserved);
    }

    synchronized void release(String function) {
        inFlight.merge(function, -1, Integer::sum);
        total--;
        if (!reserved.containsKey(function)) {
            unreserved--;
        }
    }

    /** A new environment for {@code function}: one token of its scaling rate, or Lambda's throttle. */
    synchronized void scale(String function, long nowNanos) {
        double[] bucket = buckets.computeIfAbsent(function, f -> new double[] {settings.scalingRate(), nowNanos});
        double perNano =
                settings.scalingRate() / (double) settings.scalingPeriod().toNanos();
        bucket[0] = Math.min(settings.scalingRate(), bucket[0] + (nowNanos - (long) bucket[1]) * perNano);
        bucket[1] = nowNanos;
        if (bucket[0] < 1) {
            throw throttle("Rate Exceeded.", SCALING_RATE);
        }
        bucket[0] -= 1;
    }

    synchronized int inFlight(String function) {
        return inFlight.getOrDefault(function, 0);
    }

    synchronized int total() {
        return total;
    }

    private int unreservedPool() {
        return settings.accountConcurrency()
                - reserved.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static LambdaException throttle(String message, String reason) {
        return new LambdaException(LambdaException.Type.TooManyRequestsException, message, reason);
    }
}
