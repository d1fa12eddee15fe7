package dev.orders.local.metrics;

/**
 * The values of one metric over a span (a minute, or a period of several): sample count, sum, minimum,
 * maximum, and the full distribution when every value is known (null when a statistic set hid them).
 */
public record Aggregate(double sampleCount, double sum, double minimum, double maximum, Distribution distribution) {

    public Aggregate merge(Aggregate other) {
        Distribution merged =
                distribution == null || other.distribution == null ? null : distribution.merge(other.distribution);
        return new Aggregate(
                sampleCount + other.sampleCount,
                sum + other.sum,
                Math.min(minimum, other.minimum),
                Math.max(maximum, other.maximum),
                merged);
    }

    public double average() {
        return sum / sampleCount;
    }
}
