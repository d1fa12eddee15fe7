package dev.orders.functions.shared;

import dev.orders.functions.aws.AwsEnvironment;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Business metrics as CloudWatch Embedded Metric Format lines on stdout (Powertools). Each count is
 * flushed on its own line with its own dimensions, so concurrent invocations in one JVM (the local
 * runtime) never mix their metrics.
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
        MetricsFactory.getMetricsInstance()
                .flushSingleMetric(metric, 1, MetricUnit.COUNT, namespace, DimensionSet.of("Service", service));
    }

    public void count(String metric, String reason) {
        MetricsFactory.getMetricsInstance()
                .flushSingleMetric(
                        metric, 1, MetricUnit.COUNT, namespace, DimensionSet.of("Service", service, "Reason", reason));
    }
}
