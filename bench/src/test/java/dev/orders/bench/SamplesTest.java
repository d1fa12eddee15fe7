package dev.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SamplesTest {

    @Test
    void percentiles_are_nearest_rank_samples_whatever_the_input_order() {
        Samples samples = Samples.of(List.of(5, 1, 4, 2, 3, 10, 9, 8, 7, 6));

        assertThat(samples.median()).isEqualTo(5);
        assertThat(samples.percentile(90)).isEqualTo(9);
        assertThat(samples.percentile(99)).isEqualTo(10);
        assertThat(samples.percentile(0)).isEqualTo(1);
    }

    @Test
    void a_single_sample_is_every_percentile() {
        Samples one = Samples.of(List.of(42.5));

        assertThat(one.percentile(1)).isEqualTo(42.5);
        assertThat(one.percentile(99)).isEqualTo(42.5);
    }

    @Test
    void no_samples_give_no_number_rather_than_a_made_up_one() {
        assertThat(Samples.of(List.<Integer>of()).median()).isNaN();
    }
}
