package dev.orders.local.views;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.orders.local.queue.LocalQueues;
import dev.orders.local.queue.MappingStats;
import dev.orders.local.queue.QueueSettings;
import dev.orders.local.queue.SqsEventSourceMapping;
import dev.orders.local.queue.StoredMessage;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /_local/queues[?peek=QUEUE]}: every queue with its visible and in-flight counts and its DLQ's
 * depth, what each SQS event source mapping did, and with {@code peek} that queue's messages (not received).
 */
public record QueuesView(LocalQueues queues, Supplier<List<SqsEventSourceMapping>> mappings) implements View {

    static final int PEEK_LIMIT = 100;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Queue(
            String name,
            long visible,
            long inFlight,
            long visibilityTimeoutSeconds,
            String deadLetterQueue,
            Long deadLetterMessages,
            Integer maxReceiveCount,
            List<Message> messages) {}

    record Message(String messageId, String body, Map<String, String> attributes, int receiveCount, String sentAt) {
        static Message of(StoredMessage m) {
            return new Message(
                    m.messageId(),
                    m.body(),
                    m.attributes(),
                    m.receiveCount(),
                    m.sentAt().toString());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Mapping(
            String function,
            String queue,
            int batchSize,
            long maximumBatchingWindowSeconds,
            Integer maximumConcurrency,
            boolean reportBatchItemFailures,
            MappingStats.Snapshot stats) {}

    record Body(List<Queue> queues, List<Mapping> eventSourceMappings) {}

    @Override
    public Answer render(Map<String, String> query) {
        String peek = query.get("peek");
        List<Queue> list = queues.all().stream()
                .map(settings -> queue(settings, settings.name().equals(peek)))
                .toList();
        List<Mapping> mappingList = mappings.get().stream()
                .map(m -> new Mapping(
                        m.functionName(),
                        m.settings().queue(),
                        m.settings().batchSize(),
                        m.settings().batchingWindow().toSeconds(),
                        m.settings().maximumConcurrency().orElse(null),
                        m.settings().reportBatchItemFailures(),
                        m.stats().snapshot()))
                .toList();
        return Answer.ok(new Body(list, mappingList));
    }

    private Queue queue(QueueSettings settings, boolean peek) {
        LocalQueues.Counts counts = queues.counts(settings.name());
        String dlq = settings.deadLetterQueue().orElse(null);
        return new Queue(
                settings.name(),
                counts.visible(),
                counts.inFlight(),
                settings.visibilityTimeout().toSeconds(),
                dlq,
                dlq == null ? null : queues.counts(dlq).depth(),
                dlq == null ? null : settings.maxReceiveCount(),
                peek
                        ? queues.peek(settings.name(), PEEK_LIMIT).stream()
                                .map(Message::of)
                                .toList()
                        : null);
    }
}
