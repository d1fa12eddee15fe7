package dev.orders.local.queue;

import dev.orders.functions.shared.QueueSender;
import dev.orders.local.store.Database;
import dev.orders.local.template.SamTemplate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Standard SQS queues on the local database: a sent message is committed (WAL, see Database)
 * before {@link #send} returns, so an acknowledged message survives {@code kill -9}. Receiving hides a
 * message for the visibility timeout and counts the receive; a message received more than
 * {@code maxReceiveCount} times is moved to the dead-letter queue when it next becomes receivable,
 * as SQS's redrive policy does. See docs/decisions/0005-local-queues.md for why not ElasticMQ.
 * The SQL lives in {@link QueueStore}; what {@code /_local/queues} shows is built in the views package.
 */
public final class LocalQueues {

    private final QueueStore store;
    private final Clock clock;
    private final Map<String, QueueSettings> queues = new LinkedHashMap<>();
    private final Object signal = new Object();

    private volatile Listener listener = new Listener() {};

    /** Hears what SQS counts per queue: NumberOfMessagesSent, NumberOfMessagesReceived, NumberOfMessagesDeleted. */
    public interface Listener {
        default void sent(String queue, int messages) {}

        default void received(String queue, int messages) {}

        default void deleted(String queue, int messages) {}
    }

    public void listen(Listener listener) {
        this.listener = listener;
    }

    public LocalQueues(Database db, Clock clock) {
        this.store = new QueueStore(db);
        this.clock = clock;
    }

    public synchronized LocalQueues declare(QueueSettings settings) {
        settings.deadLetterQueue().filter(dlq -> !queues.containsKey(dlq)).ifPresent(dlq -> {
            throw new IllegalArgumentException(settings.name() + "'s dead-letter queue " + dlq + " is not declared");
        });
        queues.put(settings.name(), settings);
        return this;
    }

    /** Declares every {@code AWS::SQS::Queue} of the template, dead-letter queues before the queues that use them. */
    public LocalQueues declareAll(SamTemplate template) {
        List<QueueSettings> all = template.resources().entrySet().stream()
                .filter(e -> "AWS::SQS::Queue".equals(e.getValue().get("Type")))
                .map(e -> QueueSettings.from(template, e.getKey()))
                .toList();
        all.stream().filter(q -> q.deadLetterQueue().isEmpty()).forEach(this::declare);
        all.stream().filter(q -> q.deadLetterQueue().isPresent()).forEach(this::declare);
        return this;
    }

    public synchronized QueueSettings settings(String queue) {
        QueueSettings settings = queues.get(queue);
        if (settings == null) {
            throw new IllegalArgumentException("no queue " + queue);
        }
        return settings;
    }

    /** {@link QueueSender} for one queue: what the handlers are given locally. */
    public QueueSender sender(String queue) {
        settings(queue);
        return (body, attributes) -> send(queue, body, attributes);
    }

    public String send(String queue, String body, Map<String, String> attributes) {
        settings(queue);
        String id = store.insert(queue, body, attributes, clock.millis());
        synchronized (signal) {
            signal.notifyAll();
        }
        listener.sent(queue, 1);
        return id;
    }

    /** Up to {@code max} visible messages, now hidden for the queue's visibility timeout. */
    public List<QueueMessage> receive(String queue, int max) {
        QueueSettings settings = settings(queue);
        List<QueueMessage> messages = store.transaction(tx -> {
            List<QueueMessage> received = new ArrayList<>();
            long now = clock.millis();
            while (received.size() < max) {
                List<QueueStore.Row> rows = tx.visible(queue, now, max - received.size());
                if (rows.isEmpty()) {
                    break;
                }
                for (QueueStore.Row row : rows) {
                    if (settings.deadLetterQueue().isPresent() && row.receiveCount() >= settings.maxReceiveCount()) {
                        tx.moveTo(row.messageId(), settings.deadLetterQueue().get(), now);
                    } else {
                        String handle = UUID.randomUUID().toString();
                        long first = row.firstReceivedAt() == null ? now : row.firstReceivedAt();
                        tx.hide(
                                row.messageId(),
                                handle,
                                first,
                                now + settings.visibilityTimeout().toMillis());
                        received.add(new QueueMessage(
                                row.messageId(),
                                handle,
                                row.body(),
                                row.attributes(),
                                row.receiveCount() + 1,
                                Instant.ofEpochMilli(row.sentAt()),
                                Instant.ofEpochMilli(first)));
                    }
                }
            }
            return received;
        });
        if (!messages.isEmpty()) {
            listener.received(queue, messages.size());
        }
        return messages;
    }

    /** Deletes the message this handle was issued for; false when the handle is not the latest one. */
    public boolean delete(String queue, String receiptHandle) {
        boolean deleted = store.delete(queue, receiptHandle);
        if (deleted) {
            listener.deleted(queue, 1);
        }
        return deleted;
    }

    /** SQS ChangeMessageVisibility: the message becomes visible {@code timeout} from now. */
    public boolean changeVisibility(String queue, String receiptHandle, Duration timeout) {
        return store.changeVisibility(queue, receiptHandle, clock.millis() + timeout.toMillis());
    }

    /** SQS's ApproximateNumberOfMessages (visible) and ApproximateNumberOfMessagesNotVisible (in flight). */
    public record Counts(long visible, long inFlight) {
        public long depth() {
            return visible + inFlight;
        }
    }

    public Counts counts(String queue) {
        return store.counts(queue, clock.millis());
    }

    /** The messages of a queue, oldest first, without receiving them. */
    public List<StoredMessage> peek(String queue, int limit) {
        settings(queue);
        return store.peek(queue, limit);
    }

    public synchronized List<QueueSettings> all() {
        return List.copyOf(queues.values());
    }

    /** Waits until a message is sent or {@code millis} pass (a poll, for visibility timeouts that expire). */
    public void awaitMessages(long millis) throws InterruptedException {
        synchronized (signal) {
            signal.wait(millis);
        }
    }

    /** The queue a message is in now, if it still exists (deleted messages are gone). */
    public Optional<String> queueOf(String messageId) {
        return store.queueOf(messageId);
    }
}
