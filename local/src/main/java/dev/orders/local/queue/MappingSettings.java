package dev.orders.local.queue;

import dev.orders.local.template.SamTemplate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * An SQS event source mapping as a function's {@code Events: {Type: SQS}} declares it. Lambda's
 * defaults apply when the template says nothing: batch size 10, no batching window, no maximum
 * concurrency, no partial batch responses.
 */
public record MappingSettings(
        String queue,
        int batchSize,
        Duration batchingWindow,
        Optional<Integer> maximumConcurrency,
        boolean reportBatchItemFailures) {

    public MappingSettings {
        if (batchSize < 1 || batchSize > 10_000 || (batchSize > 10 && batchingWindow.isZero())) {
            throw new IllegalArgumentException(
                    "BatchSize must be 1-10 (up to 10,000 with a batching window of at least 1 s)");
        }
        if (batchingWindow.isNegative() || batchingWindow.compareTo(Duration.ofSeconds(300)) > 0) {
            throw new IllegalArgumentException("MaximumBatchingWindowInSeconds must be 0-300");
        }
        maximumConcurrency.filter(m -> m < 2 || m > 1000).ifPresent(m -> {
            throw new IllegalArgumentException("ScalingConfig.MaximumConcurrency must be 2-1000");
        });
    }

    /** The one SQS event of {@code functionLogicalId}. */
    public static MappingSettings from(SamTemplate template, String functionLogicalId) {
        Map<String, Object> events =
                SamTemplate.mapOf(template.properties(functionLogicalId).get("Events"));
        for (Object value : events.values()) {
            Map<String, Object> event = SamTemplate.mapOf(value);
            if ("SQS".equals(event.get("Type"))) {
                Map<String, Object> p = SamTemplate.mapOf(event.get("Properties"));
                String queue = QueueSettings.logicalIdOf(p.get("Queue"))
                        .orElseThrow(
                                () -> new IllegalArgumentException(functionLogicalId + "'s SQS event names no queue"));
                return new MappingSettings(
                        queue,
                        template.integer(p, "BatchSize").orElse(10),
                        Duration.ofSeconds(template.integer(p, "MaximumBatchingWindowInSeconds")
                                .orElse(0)),
                        template.integer(SamTemplate.mapOf(p.get("ScalingConfig")), "MaximumConcurrency"),
                        SamTemplate.listOf(p.get("FunctionResponseTypes")).contains("ReportBatchItemFailures"));
            }
        }
        throw new IllegalArgumentException(functionLogicalId + " has no SQS event in the template");
    }
}
