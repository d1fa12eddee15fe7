package dev.orders.local.metrics;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * One statistic of one metric per period, from the store's minutes: CloudWatch's MetricStat. Periods are
 * aligned to the epoch; a period without any value has no datapoint (it is "missing").
 */
public final class MetricStatQuery {

    private final MetricsStore store;

    public MetricStatQuery(MetricsStore store) {
        this.store = store;
    }

    /** Periods must be whole minutes: the local store keeps one-minute resolution. */
    public static void checkPeriod(int periodSeconds) {
        if (periodSeconds < 60 || periodSeconds % 60 != 0) {
            throw new IllegalArgumentException(
                    "The parameter Period must be a multiple of 60 locally (the local runtime keeps "
                            + "one-minute resolution; high-resolution periods of 1, 5, 10 or 30 seconds are not kept), not "
                            + periodSeconds);
        }
    }

    /** Datapoints for the periods that start in [{@code start}, {@code end}). */
    public TimeSeries series(
            MetricId metric, Statistic statistic, int periodSeconds, Optional<Unit> unit, Instant start, Instant end) {
        checkPeriod(periodSeconds);
        Instant first = TimeSeries.alignDown(start, periodSeconds);
        long minutesPerPeriod = periodSeconds / 60;
        long fromMinute = MetricsStore.minuteOf(first);
        long toMinute = MetricsStore.minuteOf(TimeSeries.alignUp(end, periodSeconds));
        TreeMap<Long, Aggregate> minutes = store.minutes(metric, unit, fromMinute, toMinute);
        TreeMap<Long, Aggregate> periods = new TreeMap<>();
        minutes.forEach((minute, aggregate) -> periods.merge(
                fromMinute + Math.floorDiv(minute - fromMinute, minutesPerPeriod) * minutesPerPeriod,
                aggregate,
                Aggregate::merge));
        TreeMap<Instant, Double> points = new TreeMap<>();
        Map<Instant, Double> counts = new HashMap<>();
        periods.forEach((minute, aggregate) -> {
            Instant at = Instant.ofEpochMilli(minute * 60_000L);
            if (at.isBefore(end)) {
                OptionalDouble value = statistic.of(aggregate);
                if (value.isPresent()) {
                    points.put(at, value.getAsDouble());
                    counts.put(at, aggregate.sampleCount());
                }
            }
        });
        return new TimeSeries(points, first, end, periodSeconds, counts);
    }
}
