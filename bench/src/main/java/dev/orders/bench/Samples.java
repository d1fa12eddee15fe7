package dev.orders.bench;

import java.util.Arrays;
import java.util.List;

/** Measurements of one kind, and their percentiles by nearest rank (no interpolation between samples). */
public record Samples(double[] sorted) {

    public Samples {
        sorted = sorted.clone();
        Arrays.sort(sorted);
    }

    public static Samples of(List<? extends Number> values) {
        return new Samples(values.stream().mapToDouble(Number::doubleValue).toArray());
    }

    public static Samples of(long[] values, int count) {
        double[] copy = new double[count];
        for (int i = 0; i < count; i++) {
            copy[i] = values[i];
        }
        return new Samples(copy);
    }

    public int count() {
        return sorted.length;
    }

    /** The smallest sample with at least {@code percent} % of the samples at or below it. */
    public double percentile(double percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
    }

    public double median() {
        return percentile(50);
    }
}
