package dev.orders.local.metrics.emf;

import dev.orders.local.metrics.Dimensions;
import dev.orders.local.metrics.MetricId;
import dev.orders.local.metrics.MetricsRecorder;
import dev.orders.local.metrics.Unit;
import dev.orders.local.time.TimeScale;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a function's output lines into metrics, as CloudWatch Logs does for a Lambda log group: valid EMF
 * documents become metric values (their real-clock timestamps moved onto scaled time); a broken document is
 * ignored and counted in {@code AWS/Logs} {@code EMFParsingErrors} or {@code EMFValidationErrors} by
 * {@code LogGroupName}, as CloudWatch Logs counts it.
 */
public final class EmfIngest {

    private static final Logger LOG = LoggerFactory.getLogger(EmfIngest.class);

    private final MetricsRecorder recorder;
    private final TimeScale time;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    public EmfIngest(MetricsRecorder recorder, TimeScale time) {
        this.recorder = recorder;
        this.time = time;
    }

    /** One line the function {@code functionName} printed. */
    public void accept(String functionName, String line) {
        switch (EmfParser.parse(line)) {
            case EmfParser.Result.NotEmf notEmf -> {}
            case EmfParser.Result.Metrics metrics -> {
                for (EmfParser.Datum d : metrics.data()) {
                    Instant at = time.toScaled(d.timestamp());
                    for (double value : d.values()) {
                        recorder.put(d.metric(), value, 1, d.unit(), at);
                    }
                }
                accepted.incrementAndGet();
            }
            case EmfParser.Result.Unparseable bad -> reject(functionName, "EMFParsingErrors", bad.reason());
            case EmfParser.Result.Invalid bad -> reject(functionName, "EMFValidationErrors", bad.reason());
        }
    }

    private void reject(String functionName, String metric, String reason) {
        rejected.incrementAndGet();
        LOG.warn("{} printed an EMF document CloudWatch would refuse ({}): {}", functionName, metric, reason);
        recorder.put(
                new MetricId("AWS/Logs", metric, Dimensions.of("LogGroupName", "/aws/lambda/" + functionName)),
                1,
                1,
                Unit.COUNT,
                time.instant());
    }

    public long acceptedDocuments() {
        return accepted.get();
    }

    public long rejectedDocuments() {
        return rejected.get();
    }
}
