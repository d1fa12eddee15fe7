package dev.orders.local.metrics.runtime;

import dev.orders.local.bus.LocalBus;
import dev.orders.local.metrics.Dimensions;
import dev.orders.local.metrics.MetricId;
import dev.orders.local.metrics.MetricsRecorder;
import dev.orders.local.metrics.Unit;
import dev.orders.local.time.TimeScale;

/**
 * EventBridge's rule metrics in {@code AWS/Events} by {@code RuleName}: Invocations (a target invoked, once per
 * event, a failure counted when it is final), FailedInvocations (given up after the retry policy) and
 * RetryInvocationAttempts.
 */
public final class BusMetrics implements LocalBus.Listener {

    private final MetricsRecorder recorder;
    private final TimeScale time;

    public BusMetrics(MetricsRecorder recorder, TimeScale time) {
        this.recorder = recorder;
        this.time = time;
    }

    private void count(String metric, String rule) {
        recorder.put(
                new MetricId("AWS/Events", metric, Dimensions.of("RuleName", rule)), 1, Unit.COUNT, time.instant());
    }

    @Override
    public void invoked(String rule) {
        count("Invocations", rule);
    }

    @Override
    public void failed(String rule) {
        count("FailedInvocations", rule);
    }

    @Override
    public void retried(String rule) {
        count("RetryInvocationAttempts", rule);
    }
}
