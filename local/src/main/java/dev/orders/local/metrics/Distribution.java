package dev.orders.local.metrics;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Every value of a period with how often it occurred, sorted by value: what exact percentiles need.
 * Immutable; {@link #merge} makes a new one. Stored as pairs of (double value, double count).
 */
public final class Distribution {

    public static final Distribution EMPTY = new Distribution(new double[0], new double[0]);

    private final double[] values;
    private final double[] counts;
    private final double total;

    private Distribution(double[] values, double[] counts) {
        this.values = values;
        this.counts = counts;
        double sum = 0;
        for (double c : counts) {
            sum += c;
        }
        this.total = sum;
    }

    /** From unsorted values and their counts (duplicates allowed); only the first {@code size} entries count. */
    public static Distribution of(double[] values, double[] counts, int size) {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] v = new double[size];
        double[] c = new double[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            double value = values[order[i]];
            if (n > 0 && v[n - 1] == value) {
                c[n - 1] += counts[order[i]];
            } else {
                v[n] = value;
                c[n] = counts[order[i]];
                n++;
            }
        }
        return new Distribution(Arrays.copyOf(v, n), Arrays.copyOf(c, n));
    }

    public Distribution merge(Distribution other) {
        double[] v = new double[values.length + other.values.length];
        double[] c = new double[v.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < values.length || j < other.values.length) {
            boolean takeMine = j >= other.values.length || (i < values.length && values[i] <= other.values[j]);
            double value = takeMine ? values[i] : other.values[j];
            double count = takeMine ? counts[i++] : other.counts[j++];
            if (n > 0 && v[n - 1] == value) {
                c[n - 1] += count;
            } else {
                v[n] = value;
                c[n] = count;
                n++;
            }
        }
        return new Distribution(Arrays.copyOf(v, n), Arrays.copyOf(c, n));
    }

    public double total() {
        return total;
    }

    public int distinctValues() {
        return values.length;
    }

    public boolean hasNegative() {
        return values.length > 0 && values[0] < 0;
    }

    /**
     * The nearest-rank percentile: the smallest value with at least {@code p} percent of all samples at or
     * below it (p0 is the minimum, p100 the maximum).
     */
    public double percentile(double p) {
        if (values.length == 0) {
            throw new IllegalStateException("no values");
        }
        double rank = Math.max(1, Math.ceil(p / 100 * total - 1e-9));
        double cumulative = 0;
        for (int i = 0; i < values.length; i++) {
            cumulative += counts[i];
            if (cumulative >= rank) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    public byte[] toBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 16);
        for (int i = 0; i < values.length; i++) {
            buffer.putDouble(values[i]).putDouble(counts[i]);
        }
        return buffer.array();
    }

    public static Distribution fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int n = bytes.length / 16;
        double[] v = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = buffer.getDouble();
            c[i] = buffer.getDouble();
        }
        return new Distribution(v, c);
    }
}
