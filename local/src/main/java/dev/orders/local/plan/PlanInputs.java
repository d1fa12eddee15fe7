package dev.orders.local.plan;

import dev.orders.functions.DependencyCalls.Dependency;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a plan is asked: the arrival rate at the entry of each path to plan (per second), every function's baseline
 * duration ({@code duration}, unless {@code durations} names the function), the latency added to each call to a slowed
 * dependency, and the account: its concurrency limit, Lambda's scaling rate, the unreserved minimum AWS keeps, and the
 * size of a stream record. A value AWS or arithmetic cannot take is refused here, with the reason.
 */
public record PlanInputs(
        Map<PathName, Double> rates,
        Duration duration,
        Map<String, Duration> durations,
        Map<Dependency, Duration> slow,
        int accountConcurrency,
        int scalingPerTenSeconds,
        int minimumUnreserved,
        int recordBytes) {

    /** Lambda's default concurrency quota per account and Region (dg/lambda-concurrency.html). */
    public static final int DEFAULT_ACCOUNT_CONCURRENCY = 1_000;
    /** Lambda's scaling rate per function: 1,000 new execution environments every 10 s (dg/scaling-behavior.html). */
    public static final int DEFAULT_SCALING_PER_TEN_SECONDS = 1_000;
    /** Lambda keeps at least 100 of the account's concurrency unreserved (dg/configuration-concurrency.html). */
    public static final int MINIMUM_UNRESERVED = 100;
    /** A fulfillment record is about 200 bytes of JSON; 1 KiB leaves room for larger ones. */
    public static final int DEFAULT_RECORD_BYTES = 1_024;
    /** Kinesis's largest record (its data blob, before base64). */
    public static final int LARGEST_RECORD_BYTES = 1_048_576;

    public PlanInputs {
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("a plan needs the arrival rate of at least one path");
        }
        rates.forEach((path, rate) -> {
            if (!(rate > 0) || rate > Quantities.HIGHEST_RATE) {
                throw new IllegalArgumentException("the rate at " + path.label() + " must be above 0 and at most "
                        + Figures.number(Quantities.HIGHEST_RATE) + " per second, got " + rate);
            }
        });
        positiveInvocation("the baseline duration", duration);
        durations.forEach((function, d) -> positiveInvocation("the duration of " + function, d));
        slow.forEach((dependency, added) -> {
            if (added.isNegative() || added.compareTo(Quantities.LONGEST_INVOCATION) > 0) {
                throw new IllegalArgumentException(
                        "the latency added to " + dependency.label() + " must be 0 to 900 s, got " + added);
            }
        });
        if (accountConcurrency < 1) {
            throw new IllegalArgumentException(
                    "the account's concurrency limit must be at least 1, got " + accountConcurrency);
        }
        if (scalingPerTenSeconds < 1) {
            throw new IllegalArgumentException(
                    "the scaling rate must be at least 1 environment per 10 s, got " + scalingPerTenSeconds);
        }
        if (minimumUnreserved < 0) {
            throw new IllegalArgumentException("the unreserved minimum cannot be negative, got " + minimumUnreserved);
        }
        if (recordBytes < 1 || recordBytes > LARGEST_RECORD_BYTES) {
            throw new IllegalArgumentException(
                    "a stream record is 1 to " + LARGEST_RECORD_BYTES + " bytes, got " + recordBytes);
        }
        rates = Collections.unmodifiableMap(new EnumMap<>(rates));
        durations = Collections.unmodifiableMap(new LinkedHashMap<>(durations));
        slow = slow.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(slow));
    }

    /** One path at {@code rate} per second, every function taking {@code duration}; AWS's defaults for the rest. */
    public static PlanInputs of(PathName path, double rate, Duration duration) {
        return of(Map.of(path, rate), duration);
    }

    /** Several paths at once (each at its own rate), every function taking {@code duration}. */
    public static PlanInputs of(Map<PathName, Double> rates, Duration duration) {
        return new PlanInputs(
                rates,
                duration,
                Map.of(),
                Map.of(),
                DEFAULT_ACCOUNT_CONCURRENCY,
                DEFAULT_SCALING_PER_TEN_SECONDS,
                MINIMUM_UNRESERVED,
                DEFAULT_RECORD_BYTES);
    }

    /** {@code function} (its logical id, {@code Function} suffix optional) takes {@code d} instead of the baseline. */
    public PlanInputs withDuration(String function, Duration d) {
        Map<String, Duration> more = new LinkedHashMap<>(durations);
        more.put(function, d);
        return new PlanInputs(
                rates, duration, more, slow, accountConcurrency, scalingPerTenSeconds, minimumUnreserved, recordBytes);
    }

    /** Every call to {@code dependency} takes {@code added} longer. */
    public PlanInputs withSlow(Dependency dependency, Duration added) {
        Map<Dependency, Duration> more = new EnumMap<>(Dependency.class);
        more.putAll(slow);
        more.put(dependency, added);
        return new PlanInputs(
                rates,
                duration,
                durations,
                more,
                accountConcurrency,
                scalingPerTenSeconds,
                minimumUnreserved,
                recordBytes);
    }

    public PlanInputs withAccountConcurrency(int limit) {
        return new PlanInputs(
                rates, duration, durations, slow, limit, scalingPerTenSeconds, minimumUnreserved, recordBytes);
    }

    public PlanInputs withScalingPerTenSeconds(int environments) {
        return new PlanInputs(
                rates, duration, durations, slow, accountConcurrency, environments, minimumUnreserved, recordBytes);
    }

    /** For a drill that scales the account down (an account of 50 keeps 5, not 100, unreserved). */
    public PlanInputs withMinimumUnreserved(int minimum) {
        return new PlanInputs(
                rates, duration, durations, slow, accountConcurrency, scalingPerTenSeconds, minimum, recordBytes);
    }

    public PlanInputs withRecordBytes(int bytes) {
        return new PlanInputs(
                rates, duration, durations, slow, accountConcurrency, scalingPerTenSeconds, minimumUnreserved, bytes);
    }

    private static void positiveInvocation(String what, Duration d) {
        if (d == null || d.isZero() || d.isNegative() || d.compareTo(Quantities.LONGEST_INVOCATION) > 0) {
            throw new IllegalArgumentException(what + " must be above 0 and at most 900 s, got " + d);
        }
    }
}
