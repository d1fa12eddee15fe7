package dev.orders.local.metrics;

import java.time.Instant;

/**
 * Where the runtime puts metric values: one call per value, cheap enough for the invocation path (the store
 * buffers in memory and flushes once a second). Timestamps are in scaled time (see {@code TimeScale}).
 */
public interface MetricsRecorder {

    MetricsRecorder NONE = new MetricsRecorder() {
        @Override
        public void put(MetricId metric, double value, double count, Unit unit, Instant timestamp) {}

        @Override
        public void putStatistics(MetricId metric, StatisticSet statistics, Unit unit, Instant timestamp) {}
    };

    /** {@code count} occurrences of {@code value} (PutMetricData's Values/Counts; 1 for a single value). */
    void put(MetricId metric, double value, double count, Unit unit, Instant timestamp);

    /** A pre-aggregated statistic set (PutMetricData's StatisticValues). */
    void putStatistics(MetricId metric, StatisticSet statistics, Unit unit, Instant timestamp);

    default void put(MetricId metric, double value, Unit unit, Instant timestamp) {
        put(metric, value, 1, unit, timestamp);
    }

    default void put(String namespace, String name, Dimensions dimensions, double value, Unit unit, Instant timestamp) {
        put(new MetricId(namespace, name, dimensions), value, 1, unit, timestamp);
    }

    record StatisticSet(double sampleCount, double sum, double minimum, double maximum) {
        public StatisticSet {
            if (!(sampleCount > 0)
                    || minimum > maximum
                    || !Double.isFinite(sum)
                    || !Double.isFinite(minimum)
                    || !Double.isFinite(maximum)) {
                throw new IllegalArgumentException(
                        "a statistic set needs SampleCount > 0, Minimum <= Maximum and finite values");
            }
        }
    }
}
