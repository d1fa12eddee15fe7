package dev.orders.local.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {

    @Test
    void a_duration_is_milliseconds_seconds_or_a_bare_number_of_seconds() {
        assertThat(Quantities.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Quantities.duration("1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(Quantities.duration("0.25s")).isEqualTo(Duration.ofMillis(250));
        assertThat(Quantities.duration("1.5")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Quantities.duration(".5s")).isEqualTo(Duration.ofMillis(500));
        assertThat(Quantities.duration(" 1500 ms ")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Quantities.duration("0.0001")).isEqualTo(Duration.ofNanos(100_000));
        assertThat(Quantities.duration("900s")).isEqualTo(Duration.ofSeconds(900));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "fast",
                "1m",
                "1h",
                "-1s",
                "1,5s",
                "1.5.2s",
                "1e3ms",
                "s",
                "ms",
                "1 s s",
                "NaN",
                "Infinity",
                "0x10"
            })
    void anything_else_is_not_a_duration_and_the_message_says_what_is(String text) {
        assertThatThrownBy(() -> Quantities.duration(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("250ms, 1s, 0.25s or 1.5 (seconds)");
    }

    @Test
    void a_duration_is_above_0_and_at_most_what_a_lambda_invocation_can_last() {
        assertThatThrownBy(() -> Quantities.duration("0ms")).hasMessageContaining("greater than 0");
        assertThatThrownBy(() -> Quantities.duration("0")).hasMessageContaining("greater than 0");
        assertThatThrownBy(() -> Quantities.duration("900.001s")).hasMessageContaining("900 s");
        assertThatThrownBy(() -> Quantities.duration("99999999999999999999999999"))
                .hasMessageContaining("900 s");
    }

    @Test
    void an_added_latency_is_milliseconds_when_bare_and_may_be_zero() {
        assertThat(Quantities.latency("750")).isEqualTo(Duration.ofMillis(750));
        assertThat(Quantities.latency("750ms")).isEqualTo(Duration.ofMillis(750));
        assertThat(Quantities.latency("1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(Quantities.latency("0")).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> Quantities.latency("-5")).hasMessageContaining("milliseconds such as 750");
        assertThatThrownBy(() -> Quantities.latency("slow")).hasMessageContaining("milliseconds such as 750");
        assertThatThrownBy(() -> Quantities.latency("901s")).hasMessageContaining("900 s");
    }

    @Test
    void a_rate_is_a_number_above_0_per_second() {
        assertThat(Quantities.rate("2000")).isEqualTo(2000);
        assertThat(Quantities.rate("12.5")).isEqualTo(12.5);
        assertThat(Quantities.rate("2000/s")).isEqualTo(2000);
        assertThatThrownBy(() -> Quantities.rate("0")).hasMessageContaining("greater than 0");
        assertThatThrownBy(() -> Quantities.rate("-3")).hasMessageContaining("not a rate");
        assertThatThrownBy(() -> Quantities.rate("2k")).hasMessageContaining("not a rate");
        assertThatThrownBy(() -> Quantities.rate("1e400")).hasMessageContaining("not a rate");
        assertThatThrownBy(() -> Quantities.rate("100000000")).hasMessageContaining("at most 10,000,000");
    }

    @Test
    void a_scaling_rate_is_environments_per_period_counted_per_10_seconds() {
        assertThat(Quantities.scalingPerTenSeconds("1000/10s")).isEqualTo(1000);
        assertThat(Quantities.scalingPerTenSeconds("1000")).isEqualTo(1000);
        assertThat(Quantities.scalingPerTenSeconds("100/1s")).isEqualTo(1000);
        assertThat(Quantities.scalingPerTenSeconds("50/10s")).isEqualTo(50);
        assertThat(Quantities.scalingPerTenSeconds("5/500ms")).isEqualTo(100);
        assertThatThrownBy(() -> Quantities.scalingPerTenSeconds("1/100s")).hasMessageContaining("1 to");
        assertThatThrownBy(() -> Quantities.scalingPerTenSeconds("0/10s")).hasMessageContaining("1 to");
        assertThatThrownBy(() -> Quantities.scalingPerTenSeconds("10/0s")).hasMessageContaining("longer than 0");
        assertThatThrownBy(() -> Quantities.scalingPerTenSeconds("fast")).hasMessageContaining("such as 1000/10s");
    }
}
