package dev.orders.local.stream;

import dev.orders.local.template.SamTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A function's Kinesis event source mapping as the template declares it (a SAM {@code Kinesis} event),
 * with Lambda's defaults and ranges. A value Lambda would refuse fails the start, as deployment would.
 */
public record KinesisMappingSettings(
        String functionLogicalId,
        String eventName,
        String streamLogicalId,
        int batchSize,
        Duration batchingWindow,
        StartingPosition startingPosition,
        boolean bisectOnFunctionError,
        int maximumRetryAttempts,
        int maximumRecordAgeSeconds,
        boolean reportBatchItemFailures,
        Optional<String> onFailureLogicalId) {

    public enum StartingPosition {
        TRIM_HORIZON,
        LATEST
    }

    /** Lambda's value for "until the record expires": no retry or age limit. */
    public static final int UNLIMITED = -1;

    public KinesisMappingSettings {
        check(batchSize >= 1 && batchSize <= 10_000, "BatchSize must be 1-10000");
        check(
                !batchingWindow.isNegative() && batchingWindow.toSeconds() <= 300,
                "MaximumBatchingWindowInSeconds must be 0-300");
        check(
                maximumRetryAttempts >= UNLIMITED && maximumRetryAttempts <= 10_000,
                "MaximumRetryAttempts must be -1-10000");
        check(
                maximumRecordAgeSeconds == UNLIMITED
                        || maximumRecordAgeSeconds >= 60 && maximumRecordAgeSeconds <= 604_800,
                "MaximumRecordAgeInSeconds must be -1 or 60-604800");
    }

    private static void check(boolean valid, String message) {
        if (!valid) {
            throw new IllegalArgumentException(message);
        }
    }

    public String mappingId() {
        return functionLogicalId + "/" + eventName;
    }

    /** The one {@code Kinesis} event of the function. */
    public static KinesisMappingSettings from(SamTemplate template, String functionLogicalId) {
        Map<String, Object> events =
                SamTemplate.mapOf(template.properties(functionLogicalId).get("Events"));
        Map.Entry<String, Object> event = events.entrySet().stream()
                .filter(e -> "Kinesis".equals(SamTemplate.mapOf(e.getValue()).get("Type")))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(functionLogicalId + " has no Kinesis event"));
        Map<String, Object> p =
                SamTemplate.mapOf(SamTemplate.mapOf(event.getValue()).get("Properties"));
        String stream = logicalId(p.get("Stream"))
                .orElseThrow(() -> new IllegalArgumentException(
                        functionLogicalId + "'s Kinesis event needs Stream: !GetAtt <stream>.Arn"));
        String start = template.string(p, "StartingPosition")
                .orElseThrow(() -> new IllegalArgumentException("StartingPosition is required for a Kinesis event"));
        if (!List.of("TRIM_HORIZON", "LATEST").contains(start)) {
            throw new IllegalArgumentException(
                    "StartingPosition " + start + " is not supported locally (TRIM_HORIZON or LATEST)");
        }
        Optional<String> onFailure = logicalId(
                SamTemplate.mapOf(SamTemplate.mapOf(p.get("DestinationConfig")).get("OnFailure"))
                        .get("Destination"));
        boolean partial = SamTemplate.listOf(p.get("FunctionResponseTypes")).contains("ReportBatchItemFailures");
        return new KinesisMappingSettings(
                functionLogicalId,
                event.getKey(),
                stream,
                template.integer(p, "BatchSize").orElse(100),
                Duration.ofSeconds(
                        template.integer(p, "MaximumBatchingWindowInSeconds").orElse(0)),
                StartingPosition.valueOf(start),
                template.string(p, "BisectBatchOnFunctionError")
                        .map(Boolean::parseBoolean)
                        .orElse(false),
                template.integer(p, "MaximumRetryAttempts").orElse(UNLIMITED),
                template.integer(p, "MaximumRecordAgeInSeconds").orElse(UNLIMITED),
                partial,
                onFailure);
    }

    /** The logical id in {@code !GetAtt X.Arn} or {@code !Ref X}. */
    private static Optional<String> logicalId(Object reference) {
        Map<String, Object> ref = SamTemplate.mapOf(reference);
        if (ref.get("Fn::GetAtt") instanceof List<?> parts && !parts.isEmpty()) {
            return Optional.of(String.valueOf(parts.getFirst()));
        }
        return Optional.ofNullable(ref.get("Ref")).map(String::valueOf);
    }
}
