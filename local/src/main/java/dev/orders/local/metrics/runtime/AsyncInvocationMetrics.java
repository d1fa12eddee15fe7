package dev.orders.local.metrics.runtime;

import dev.orders.local.asyncinvoke.LocalAsyncInvocations;
import dev.orders.local.metrics.Dimensions;
import dev.orders.local.metrics.MetricId;
import dev.orders.local.metrics.MetricsRecorder;
import dev.orders.local.metrics.Unit;
import dev.orders.local.time.TimeScale;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Lambda's asynchronous invocation metrics in {@code AWS/Lambda} (dg/monitoring-metrics-types.html): AsyncEventsReceived
 * (an event queued), AsyncEventAge (queued → invoked, in milliseconds, each attempt), AsyncEventsDropped (left the
 * queue without a successful run), DestinationDeliveryFailures and DeadLetterErrors; by {@code FunctionName}, and by
 * {@code FunctionName}+{@code Resource} ({@code F:QUALIFIER}) when the event was invoked through a qualifier.
 */
public final class AsyncInvocationMetrics implements LocalAsyncInvocations.Listener {

    private final MetricsRecorder recorder;
    private final TimeScale time;

    public AsyncInvocationMetrics(MetricsRecorder recorder, TimeScale time) {
        this.recorder = recorder;
        this.time = time;
    }

    private void put(String metric, String function, Optional<String> qualifier, double value, Unit unit) {
        List<Dimensions> sets = qualifier
                .map(q -> List.of(
                        Dimensions.of("FunctionName", function),
                        Dimensions.of("FunctionName", function, "Resource", function + ":" + q)))
                .orElseGet(() -> List.of(Dimensions.of("FunctionName", function)));
        for (Dimensions dimensions : sets) {
            recorder.put(new MetricId(LambdaMetrics.NAMESPACE, metric, dimensions), value, unit, time.instant());
        }
    }

    @Override
    public void received(String function, Optional<String> qualifier) {
        put("AsyncEventsReceived", function, qualifier, 1, Unit.COUNT);
    }

    @Override
    public void invoking(String function, Optional<String> qualifier, Duration age) {
        put("AsyncEventAge", function, qualifier, age.toMillis(), Unit.MILLISECONDS);
    }

    @Override
    public void dropped(String function, Optional<String> qualifier) {
        put("AsyncEventsDropped", function, qualifier, 1, Unit.COUNT);
    }

    @Override
    public void destinationDeliveryFailed(String function, Optional<String> qualifier) {
        put("DestinationDeliveryFailures", function, qualifier, 1, Unit.COUNT);
    }

    @Override
    public void deadLetterFailed(String function, Optional<String> qualifier) {
        put("DeadLetterErrors", function, qualifier, 1, Unit.COUNT);
    }
}
