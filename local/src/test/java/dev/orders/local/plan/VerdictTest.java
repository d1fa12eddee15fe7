package dev.orders.local.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void up_to_80_percent_of_a_limit_fits_up_to_100_is_tight_beyond_does_not_fit() {
        assertThat(Verdict.of(0, 100)).isEqualTo(Verdict.FITS);
        assertThat(Verdict.of(80, 100)).isEqualTo(Verdict.FITS);
        assertThat(Verdict.of(80.01, 100)).isEqualTo(Verdict.TIGHT);
        assertThat(Verdict.of(100, 100)).isEqualTo(Verdict.TIGHT);
        assertThat(Verdict.of(100.01, 100)).isEqualTo(Verdict.DOES_NOT_FIT);
    }

    @Test
    void a_figure_that_is_a_boundary_in_decimal_is_on_it_despite_binary_rounding() {
        // 2,000 × 0.4 s and 1,000 × 0.1 × 8 are 800 in decimal, a hair off in binary
        assertThat(Verdict.of(2000 * 0.4, 1000)).isEqualTo(Verdict.FITS);
        assertThat(Verdict.of(0.1 * 3 * 1000, 300)).isEqualTo(Verdict.TIGHT);
    }

    @Test
    void nothing_fits_in_a_limit_of_zero_or_less_but_nothing_at_all() {
        assertThat(Verdict.of(1, 0)).isEqualTo(Verdict.DOES_NOT_FIT);
        assertThat(Verdict.of(0, 0)).isEqualTo(Verdict.FITS);
        assertThat(Verdict.of(0, -2)).isEqualTo(Verdict.DOES_NOT_FIT);
    }

    @Test
    void a_plan_is_as_good_as_its_worst_check() {
        assertThat(Verdict.worst(List.of(Verdict.FITS, Verdict.TIGHT))).isEqualTo(Verdict.TIGHT);
        assertThat(Verdict.worst(List.of(Verdict.TIGHT, Verdict.DOES_NOT_FIT, Verdict.FITS)))
                .isEqualTo(Verdict.DOES_NOT_FIT);
        assertThat(Verdict.worst(List.of())).isEqualTo(Verdict.FITS);
    }
}
