package dev.orders.local.metrics.runtime;

import dev.orders.local.faults.FaultObserver;
import dev.orders.local.metrics.Dimensions;
import dev.orders.local.metrics.MetricId;
import dev.orders.local.metrics.MetricsRecorder;
import dev.orders.local.metrics.Unit;
import java.time.Instant;

/**
 * The injected faults' metrics, namespace {@value #NAMESPACE} (local only: AWS has no such thing): {@code FaultActive}
 * by {@code FaultId}, 1 while a fault is on (sampled every few seconds) and 0 when it ends, so a chart shows when each
 * fault was on; {@code FaultApplied} by {@code FaultId}, one per call or delivery it changed; {@code ActiveFaults}, the
 * faults on at each sample.
 */
public final class FaultMetrics implements FaultObserver {

    public static final String NAMESPACE = "Local/Faults";

    private final MetricsRecorder recorder;

    public FaultMetrics(MetricsRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void active(String faultId, boolean on, Instant at) {
        recorder.put(
                new MetricId(NAMESPACE, "FaultActive", Dimensions.of("FaultId", faultId)), on ? 1 : 0, Unit.COUNT, at);
    }

    @Override
    public void applied(String faultId, Instant at) {
        recorder.put(new MetricId(NAMESPACE, "FaultApplied", Dimensions.of("FaultId", faultId)), 1, Unit.COUNT, at);
    }

    @Override
    public void faultsOn(int count, Instant at) {
        recorder.put(new MetricId(NAMESPACE, "ActiveFaults", Dimensions.NONE), count, Unit.COUNT, at);
    }
}
