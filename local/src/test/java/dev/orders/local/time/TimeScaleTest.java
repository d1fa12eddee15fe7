package dev.orders.local.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeScaleTest {

    /** A real clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-30T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void scaled_time_runs_n_times_faster_from_its_start() {
        ManualClock real = new ManualClock();
        TimeScale scaled = TimeScale.of(60, real.now, real);
        real.now = real.now.plusSeconds(10);
        assertThat(scaled.instant()).isEqualTo(Instant.parse("2026-11-30T10:10:00Z"));
        assertThat(scaled.realDelay(Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(scaled.toScaled(real.now.minusSeconds(1))).isEqualTo(Instant.parse("2026-11-30T10:09:00Z"));
    }

    @Test
    void it_never_starts_before_the_real_now_and_resumes_after_a_later_start() {
        ManualClock real = new ManualClock();
        assertThat(TimeScale.of(1, Instant.EPOCH, real).instant()).isEqualTo(real.now);
        Instant resume = real.now.plus(Duration.ofHours(3));
        assertThat(TimeScale.of(1, resume, real).instant()).isEqualTo(resume);
    }

    @Test
    void rescaling_keeps_scaled_time_continuous() {
        ManualClock real = new ManualClock();
        TimeScale scaled = TimeScale.of(1, real.now, real);
        real.now = real.now.plusSeconds(30);
        scaled.rescale(120);
        Instant at = scaled.instant();
        assertThat(at).isEqualTo(Instant.parse("2026-11-30T10:00:30Z"));
        real.now = real.now.plusSeconds(1);
        assertThat(scaled.instant()).isEqualTo(at.plusSeconds(120));
    }

    @Test
    void a_factor_is_parsed_or_refused_clearly() {
        assertThat(TimeScale.parseFactor("60x")).isEqualTo(60);
        assertThat(TimeScale.parseFactor("1")).isEqualTo(1);
        assertThatThrownBy(() -> TimeScale.parseFactor("0.5")).hasMessageContaining("from 1 to 10000");
        assertThatThrownBy(() -> TimeScale.parseFactor("fast")).hasMessageContaining("--time-scale");
    }
}
