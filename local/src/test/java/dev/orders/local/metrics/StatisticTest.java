package dev.orders.local.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** CloudWatch's statistics over every value of a period; percentiles by nearest rank. */
class StatisticTest {

    static Aggregate of(double... values) {
        double[] counts = new double[values.length];
        java.util.Arrays.fill(counts, 1);
        Distribution d = Distribution.of(values, counts, values.length);
        double sum = java.util.Arrays.stream(values).sum();
        return new Aggregate(
                values.length,
                sum,
                java.util.Arrays.stream(values).min().orElseThrow(),
                java.util.Arrays.stream(values).max().orElseThrow(),
                d);
    }

    @Test
    void the_basic_statistics() {
        Aggregate a = of(4, 1, 3, 2);
        assertThat(Statistic.parse("SampleCount").of(a).getAsDouble()).isEqualTo(4);
        assertThat(Statistic.parse("Sum").of(a).getAsDouble()).isEqualTo(10);
        assertThat(Statistic.parse("Average").of(a).getAsDouble()).isEqualTo(2.5);
        assertThat(Statistic.parse("Minimum").of(a).getAsDouble()).isEqualTo(1);
        assertThat(Statistic.parse("Maximum").of(a).getAsDouble()).isEqualTo(4);
    }

    @Test
    void a_percentile_is_the_smallest_value_with_at_least_p_percent_of_the_samples_at_or_below_it() {
        Aggregate hundred = of(IntStream.rangeClosed(1, 100).mapToDouble(i -> i).toArray());
        assertThat(Statistic.parse("p95").of(hundred).getAsDouble()).isEqualTo(95);
        assertThat(Statistic.parse("p99").of(hundred).getAsDouble()).isEqualTo(99);
        assertThat(Statistic.parse("p50").of(hundred).getAsDouble()).isEqualTo(50);
        assertThat(Statistic.parse("p99.5").of(hundred).getAsDouble()).isEqualTo(100);
        assertThat(Statistic.parse("p100").of(hundred).getAsDouble()).isEqualTo(100);
        assertThat(Statistic.parse("p0").of(hundred).getAsDouble()).isEqualTo(1);
        Aggregate twenty =
                of(IntStream.rangeClosed(1, 20).mapToDouble(i -> i * 10).toArray());
        assertThat(Statistic.parse("p95").of(twenty).getAsDouble()).isEqualTo(190);
        assertThat(Statistic.parse("p90").of(of(7)).getAsDouble()).isEqualTo(7);
    }

    @Test
    void percentiles_are_exact_over_merged_minutes() {
        Aggregate merged = of(1, 2, 3).merge(of(100, 200)).merge(of(4, 5, 6, 7, 8));
        assertThat(Statistic.parse("p50").of(merged).getAsDouble()).isEqualTo(5);
        assertThat(Statistic.parse("p90").of(merged).getAsDouble()).isEqualTo(100);
        assertThat(merged.sampleCount()).isEqualTo(10);
    }

    @Test
    void repeated_values_count_as_often_as_they_occurred() {
        Distribution d = Distribution.of(new double[] {10, 1000}, new double[] {94, 6}, 2);
        Aggregate a = new Aggregate(100, 94 * 10 + 6000, 10, 1000, d);
        assertThat(Statistic.parse("p94").of(a).getAsDouble()).isEqualTo(10);
        assertThat(Statistic.parse("p95").of(a).getAsDouble()).isEqualTo(1000);
    }

    @Test
    void no_percentile_when_a_value_is_negative_or_a_statistic_set_hid_the_values() {
        assertThat(Statistic.parse("p50").of(of(-1, 2, 3))).isEmpty();
        assertThat(Statistic.parse("p50").of(new Aggregate(10, 50, 1, 9, null))).isEmpty();
        assertThat(Statistic.parse("Average")
                        .of(new Aggregate(10, 50, 1, 9, null))
                        .getAsDouble())
                .isEqualTo(5);
    }

    @Test
    void a_distribution_survives_its_stored_form() {
        Distribution d = Distribution.of(new double[] {3.25, 1.5, 3.25}, new double[] {1, 2, 1}, 3);
        Distribution back = Distribution.fromBytes(d.toBytes());
        assertThat(back.total()).isEqualTo(4);
        assertThat(back.distinctValues()).isEqualTo(2);
        assertThat(back.percentile(50)).isEqualTo(1.5);
        assertThat(back.percentile(75)).isEqualTo(3.25);
    }

    @Test
    void an_unknown_statistic_is_refused_with_the_supported_ones_named() {
        assertThatThrownBy(() -> Statistic.parse("tm99")).hasMessageContaining("SampleCount, Sum, Average");
        assertThatThrownBy(() -> Statistic.parse("p101")).isInstanceOf(IllegalArgumentException.class);
    }
}
