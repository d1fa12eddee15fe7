package dev.orders.local.metrics.runtime;

import dev.orders.local.metrics.Dimensions;
import dev.orders.local.metrics.MetricId;
import dev.orders.local.metrics.MetricsRecorder;
import dev.orders.local.metrics.Unit;
import dev.orders.local.stream.LocalStream;
import dev.orders.local.time.TimeScale;

/** Kinesis's stream metrics in {@code AWS/Kinesis} by {@code StreamName}: IncomingRecords and WriteProvisionedThroughputExceeded. */
public final class StreamMetrics implements LocalStream.Listener {

    private final MetricsRecorder recorder;
    private final TimeScale time;

    public StreamMetrics(MetricsRecorder recorder, TimeScale time) {
        this.recorder = recorder;
        this.time = time;
    }

    @Override
    public void put(String stream, int stored, int throttled) {
        Dimensions d = Dimensions.of("StreamName", stream);
        recorder.put(new MetricId("AWS/Kinesis", "IncomingRecords", d), stored, Unit.COUNT, time.instant());
        recorder.put(
                new MetricId("AWS/Kinesis", "WriteProvisionedThroughputExceeded", d),
                throttled,
                Unit.COUNT,
                time.instant());
    }
}
