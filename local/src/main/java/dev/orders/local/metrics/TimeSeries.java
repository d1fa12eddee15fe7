package dev.orders.local.metrics;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Datapoints at period-aligned timestamps (oldest first), with the grid they were asked on
 * ([start, end) in steps of {@code periodSeconds}) so FILL can tell where a datapoint is missing.
 */
public record TimeSeries(
        NavigableMap<Instant, Double> points,
        Instant start,
        Instant end,
        int periodSeconds,
        Map<Instant, Double> sampleCounts) {

    public TimeSeries {
        points = Collections.unmodifiableNavigableMap(new TreeMap<>(points));
        sampleCounts = sampleCounts == null ? Map.of() : Map.copyOf(sampleCounts);
    }

    public TimeSeries with(NavigableMap<Instant, Double> newPoints) {
        return new TimeSeries(newPoints, start, end, periodSeconds, Map.of());
    }

    /** The grid's timestamps: every period start in [start, end). */
    public Iterable<Instant> grid() {
        return () -> new java.util.Iterator<>() {
            private Instant next = start;

            @Override
            public boolean hasNext() {
                return next.isBefore(end);
            }

            @Override
            public Instant next() {
                Instant current = next;
                next = next.plusSeconds(periodSeconds);
                return current;
            }
        };
    }

    /** The first period start at or after {@code t}, aligned to the period since the epoch (as CloudWatch aligns). */
    public static Instant alignUp(Instant t, int periodSeconds) {
        long ms = periodSeconds * 1000L;
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli() + ms - 1, ms) * ms);
    }

    public static Instant alignDown(Instant t, int periodSeconds) {
        long ms = periodSeconds * 1000L;
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), ms) * ms);
    }
}
