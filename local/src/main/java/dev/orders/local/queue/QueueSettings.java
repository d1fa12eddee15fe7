package dev.orders.local.queue;

import dev.orders.local.template.SamTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An SQS queue as the template declares it: its visibility timeout and its redrive policy. SQS's
 * defaults apply when the template says nothing (30 s visibility, no dead-letter queue).
 */
public record QueueSettings(
        String name, Duration visibilityTimeout, Optional<String> deadLetterQueue, int maxReceiveCount) {

    public QueueSettings {
        if (deadLetterQueue.isPresent() && (maxReceiveCount < 1 || maxReceiveCount > 1000)) {
            throw new IllegalArgumentException(name + ": maxReceiveCount must be 1-1000");
        }
    }

    public static QueueSettings of(String name, Duration visibilityTimeout) {
        return new QueueSettings(name, visibilityTimeout, Optional.empty(), 0);
    }

    public static QueueSettings from(SamTemplate template, String logicalId) {
        if (!template.type(logicalId).equals("AWS::SQS::Queue")) {
            throw new IllegalArgumentException(logicalId + " is not an AWS::SQS::Queue in the template");
        }
        Map<String, Object> properties = template.properties(logicalId);
        Duration visibility = Duration.ofSeconds(
                template.integer(properties, "VisibilityTimeout").orElse(30));
        Map<String, Object> redrive = SamTemplate.mapOf(properties.get("RedrivePolicy"));
        Optional<String> dlq = logicalIdOf(redrive.get("deadLetterTargetArn"));
        return new QueueSettings(
                logicalId,
                visibility,
                dlq,
                template.integer(redrive, "maxReceiveCount").orElse(0));
    }

    /** The logical id behind {@code !GetAtt X.Arn} (or {@code !Ref X}). */
    static Optional<String> logicalIdOf(Object reference) {
        Map<String, Object> map = SamTemplate.mapOf(reference);
        List<Object> getAtt = SamTemplate.listOf(map.get("Fn::GetAtt"));
        if (!getAtt.isEmpty()) {
            return Optional.of(String.valueOf(getAtt.getFirst()));
        }
        return Optional.ofNullable(map.get("Ref")).map(String::valueOf);
    }
}
