package dev.orders.local.metrics.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.local.lambda.LambdaObserver;
import dev.orders.local.metrics.Dimensions;
import dev.orders.local.metrics.MetricId;
import dev.orders.local.metrics.MetricsRecorder;
import dev.orders.local.metrics.Unit;
import dev.orders.local.metrics.emf.EmfIngest;
import dev.orders.local.time.TimeScale;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The dimension sets Lambda publishes each metric under, as CloudWatch has them. */
class LambdaMetricsTest {

    record Value(MetricId metric, double value) {}

    private final List<Value> values = new CopyOnWriteArrayList<>();
    private final MetricsRecorder recorder = new MetricsRecorder() {
        @Override
        public void put(MetricId metric, double value, double count, Unit unit, Instant timestamp) {
            values.add(new Value(metric, value));
        }

        @Override
        public void putStatistics(MetricId metric, StatisticSet statistics, Unit unit, Instant timestamp) {}
    };
    private final LambdaMetrics metrics =
            new LambdaMetrics(recorder, TimeScale.real(), new EmfIngest(recorder, TimeScale.real()));

    private List<Dimensions> dimensionsOf(String name) {
        return values.stream()
                .filter(v -> v.metric().name().equals(name))
                .map(v -> v.metric().dimensions())
                .toList();
    }

    @Test
    void an_alias_invocation_counts_by_account_function_alias_and_executed_version() {
        metrics.completed(new LambdaObserver.Report(
                "Fn", "Fn:live", "7", true, false, Duration.ofMillis(12), true, false, false));

        assertThat(dimensionsOf("Invocations"))
                .containsExactly(
                        Dimensions.NONE,
                        Dimensions.of("FunctionName", "Fn"),
                        Dimensions.of("FunctionName", "Fn", "Resource", "Fn:live"),
                        Dimensions.of("FunctionName", "Fn", "Resource", "Fn:live", "ExecutedVersion", "7"));
        assertThat(values)
                .filteredOn(v -> v.metric().name().equals("Errors"))
                .extracting(Value::value)
                .containsOnly(0.0);
        assertThat(values)
                .filteredOn(v -> v.metric().name().equals("Duration"))
                .extracting(Value::value)
                .containsOnly(12.0);
    }

    @Test
    void a_version_invocation_has_no_executed_version_dimension_and_spillover_is_counted() {
        metrics.completed(
                new LambdaObserver.Report("Fn", "Fn:3", "3", false, true, Duration.ofMillis(5), true, false, true));

        assertThat(dimensionsOf("Errors"))
                .containsExactly(
                        Dimensions.NONE,
                        Dimensions.of("FunctionName", "Fn"),
                        Dimensions.of("FunctionName", "Fn", "Resource", "Fn:3"));
        assertThat(dimensionsOf("ProvisionedConcurrencySpilloverInvocations")).hasSize(3);
        assertThat(dimensionsOf("ProvisionedConcurrencyInvocations")).isEmpty();
    }

    @Test
    void throttles_and_concurrency_are_recorded_by_account_and_function() {
        metrics.throttled("Fn", "Fn:live", "ReservedFunctionConcurrentInvocationLimitExceeded");
        metrics.admitted("Fn", "Fn:live", 3, 40, 37);

        assertThat(dimensionsOf("Throttles"))
                .containsExactly(
                        Dimensions.NONE,
                        Dimensions.of("FunctionName", "Fn"),
                        Dimensions.of("FunctionName", "Fn", "Resource", "Fn:live"));
        assertThat(values)
                .filteredOn(v -> v.metric().name().equals("ConcurrentExecutions"))
                .extracting(v -> v.metric().dimensions(), Value::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Dimensions.NONE, 40.0),
                        org.assertj.core.groups.Tuple.tuple(Dimensions.of("FunctionName", "Fn"), 3.0),
                        org.assertj.core.groups.Tuple.tuple(
                                Dimensions.of("FunctionName", "Fn", "Resource", "Fn:live"), 3.0));
        assertThat(values)
                .filteredOn(v -> v.metric().name().equals("UnreservedConcurrentExecutions"))
                .extracting(Value::value)
                .containsExactly(37.0);
    }

    @Test
    void a_functions_emf_line_becomes_its_metric() {
        metrics.output(
                "Fn",
                "1",
                "{\"_aws\":{\"Timestamp\":" + System.currentTimeMillis()
                        + ",\"CloudWatchMetrics\":[{\"Namespace\":\"Orders\","
                        + "\"Dimensions\":[[\"Service\"]],\"Metrics\":[{\"Name\":\"OrdersAccepted\",\"Unit\":\"Count\"}]}]},"
                        + "\"Service\":\"OrderApi\",\"OrdersAccepted\":1}");
        metrics.output("Fn", "1", "{\"level\":\"INFO\",\"message\":\"not a metric\"}");

        assertThat(values).extracting(v -> v.metric().name()).containsExactly("OrdersAccepted");
        assertThat(values.getFirst().metric().dimensions()).isEqualTo(Dimensions.of(Map.of("Service", "OrderApi")));
    }
}
