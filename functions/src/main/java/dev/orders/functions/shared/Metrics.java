package dev.orders.functions.shared;

import dev.orders.functions.aws.AwsEnvironment;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Business metrics as CloudWatch Embedded Metric Format lines on stdout (Powertools). Each count is
 * flushed on its own line with its own dimensions, so concurrent invocations in one JVM (the local
 * runtime) never mix their metrics. A handler that counts once per record of a batch counts into a
 * {@link #tally()} instead, which writes one line per metric and reason when the batch ends.
 */
public final class Metrics {

    /** The template's Globals set it; Powertools' own variable, read once like every setting. */
    private static final String NAMESPACE =
            AwsEnvironment.system().optional("POWERTOOLS_METRICS_NAMESPACE").orElse("Orders");

    private final String namespace;
    private final String service;

    public Metrics(String service) {
        this.namespace = NAMESPACE;
        this.service = service;
    }

    public void count(String metric) {
        flush(metric, null, 1);
    }

    public void count(String metric, String reason) {
        flush(metric, reason, 1);
    }

    /** A tally for one invocation: counts add up in memory and {@link Tally#flush()} writes them. */
    public Tally tally() {
        return new Tally();
    }

    private void flush(String metric, String reason, long count) {
        DimensionSet dimensions = reason == null
                ? DimensionSet.of("Service", service)
                : DimensionSet.of("Service", service, "Reason", reason);
        MetricsFactory.getMetricsInstance().flushSingleMetric(metric, count, MetricUnit.COUNT, namespace, dimensions);
    }

    /**
     * One invocation's counts, written when it ends: one EMF line per metric and reason, its value the number of
     * counts (CloudWatch's Sum is the same as with one line per count; SampleCount counts invocations, not
     * records). A batch of 100 records writes a handful of lines instead of 100: each line costs the library a
     * serialization and CloudWatch Logs an ingested event. Not shared between invocations; not thread-safe.
     */
    public final class Tally {

        private record Key(String metric, String reason) {}

        private final Map<Key, Long> counts = new LinkedHashMap<>();

        private Tally() {}

        public void count(String metric) {
            counts.merge(new Key(metric, null), 1L, Long::sum);
        }

        public void count(String metric, String reason) {
            counts.merge(new Key(metric, reason), 1L, Long::sum);
        }

        /** Writes every count taken since the last flush, then starts again from nothing. */
        public void flush() {
            try {
                counts.forEach((key, count) -> Metrics.this.flush(key.metric(), key.reason(), count));
            } finally {
                counts.clear();
            }
        }
    }
}
