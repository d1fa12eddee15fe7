package dev.orders.local.metrics.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.local.metrics.MetricId;
import dev.orders.local.metrics.MetricsRecorder;
import dev.orders.local.metrics.Unit;
import dev.orders.local.time.TimeScale;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Lambda's asynchronous metrics: names, units and dimensions as CloudWatch has them. */
class AsyncInvocationMetricsTest {

    record Put(String name, String dimensions, double value, Unit unit) {}

    final List<Put> puts = new ArrayList<>();
    final MetricsRecorder recorder = new MetricsRecorder() {
        @Override
        public void put(MetricId metric, double value, double count, Unit unit, Instant timestamp) {
            assertThat(metric.namespace()).isEqualTo("AWS/Lambda");
            puts.add(new Put(metric.name(), metric.dimensions().toString(), value, unit));
        }

        @Override
        public void putStatistics(MetricId metric, StatisticSet statistics, Unit unit, Instant timestamp) {
            throw new AssertionError("not used");
        }
    };
    final AsyncInvocationMetrics metrics = new AsyncInvocationMetrics(recorder, TimeScale.real());

    @Test
    void each_event_counts_by_function_and_by_the_qualifier_it_was_invoked_through() {
        metrics.received("ReceiptsFunction", Optional.of("live"));
        metrics.invoking("ReceiptsFunction", Optional.of("live"), Duration.ofSeconds(61));
        metrics.dropped("ReceiptsFunction", Optional.empty());
        metrics.destinationDeliveryFailed("ReceiptsFunction", Optional.empty());
        metrics.deadLetterFailed("ReceiptsFunction", Optional.empty());
        assertThat(puts)
                .extracting(Put::name)
                .containsExactly(
                        "AsyncEventsReceived",
                        "AsyncEventsReceived",
                        "AsyncEventAge",
                        "AsyncEventAge",
                        "AsyncEventsDropped",
                        "DestinationDeliveryFailures",
                        "DeadLetterErrors");
        assertThat(puts.get(1).dimensions()).contains("Resource").contains("ReceiptsFunction:live");
        assertThat(puts.get(2).value()).isEqualTo(61_000);
        assertThat(puts.get(2).unit()).isEqualTo(Unit.MILLISECONDS);
        assertThat(puts.get(4).dimensions()).doesNotContain("Resource");
    }
}
