package dev.orders.local.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.shared.Json;
import dev.orders.functions.shared.QueueSender;
import dev.orders.local.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Standard SQS queues on the local database: a sent message is committed (WAL, see Database)
 * before {@link #send} returns, so an acknowledged message survives {@code kill -9}. Receiving hides a
 * message for the visibility timeout and counts the receive; a message received more than
 * {@code maxReceiveCount} times is moved to the dead-letter queue when it next becomes receivable,
 * as SQS's redrive policy does. See docs/decisions/0005-local-queues.md for why not ElasticMQ.
 */
public final class LocalQueues {

    private static final TypeReference<TreeMap<String, String>> ATTRIBUTES = new TypeReference<>() {
    };

    private final Database db;
    private final Clock clock;
    private final Map<String, QueueSettings> queues = new LinkedHashMap<>();
    private final Object signal = new Object();
    private volatile Listener listener = new Listener() {
    };

    /** Hears what SQS counts per queue: NumberOfMessagesSent, NumberOfMessagesReceived, NumberOfMessagesDeleted. */
    public interface Listener {
        default void sent(String queue, int messages) {
        }

        default void received(String queue, int messages) {
        }

        default void deleted(String queue, int messages) {
        }
    }

    public void listen(Listener listener) {
        this.listener = listener;
    }

    public LocalQueues(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        db.schema("""
                CREATE TABLE IF NOT EXISTS queue_messages (
                  message_id TEXT PRIMARY KEY, queue TEXT NOT NULL, body TEXT NOT NULL, attributes TEXT NOT NULL,
                  sent_at INTEGER NOT NULL, visible_at INTEGER NOT NULL, receive_count INTEGER NOT NULL DEFAULT 0,
                  first_received_at INTEGER, receipt_handle TEXT UNIQUE)""",
                "CREATE INDEX IF NOT EXISTS queue_messages_visible ON queue_messages (queue, visible_at, sent_at)");
    }

    public synchronized LocalQueues declare(QueueSettings settings) {
        settings.deadLetterQueue().filter(dlq -> !queues.containsKey(dlq)).ifPresent(dlq -> {
            throw new IllegalArgumentException(settings.name() + "'s dead-letter queue " + dlq + " is not declared");
        });
        queues.put(settings.name(), settings);
        return this;
    }

    /** Declares every {@code AWS::SQS::Queue} of the template, dead-letter queues before the queues that use them. */
    public LocalQueues declareAll(dev.orders.local.template.SamTemplate template) {
        List<QueueSettings> all = template.resources().entrySet().stream()
                .filter(e -> "AWS::SQS::Queue".equals(e.getValue().get("Type")))
                .map(e -> QueueSettings.from(template, e.getKey())).toList();
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
        String id = UUID.randomUUID().toString();
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO queue_messages (message_id, queue, body, attributes, sent_at, visible_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, id);
                s.setString(2, queue);
                s.setString(3, body);
                s.setString(4, json(attributes));
                s.setLong(5, clock.millis());
                s.setLong(6, clock.millis());
                return s.executeUpdate();
            }
        });
        synchronized (signal) {
            signal.notifyAll();
        }
        listener.sent(queue, 1);
        return id;
    }

    /** Up to {@code max} visible messages, now hidden for the queue's visibility timeout. */
    public List<QueueMessage> receive(String queue, int max) {
        QueueSettings settings = settings(queue);
        List<QueueMessage> messages = db.transaction(c -> {
            List<QueueMessage> received = new ArrayList<>();
            long now = clock.millis();
            while (received.size() < max) {
                List<Row> rows = visible(c, queue, now, max - received.size());
                if (rows.isEmpty()) {
                    break;
                }
                for (Row row : rows) {
                    if (settings.deadLetterQueue().isPresent() && row.receiveCount() >= settings.maxReceiveCount()) {
                        moveTo(c, row.messageId(), settings.deadLetterQueue().get(), now);
                    } else {
                        received.add(hide(c, row, now, now + settings.visibilityTimeout().toMillis()));
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
        boolean deleted = db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM queue_messages WHERE queue = ? AND receipt_handle = ?")) {
                s.setString(1, queue);
                s.setString(2, receiptHandle);
                return s.executeUpdate() == 1;
            }
        });
        if (deleted) {
            listener.deleted(queue, 1);
        }
        return deleted;
    }

    /** SQS ChangeMessageVisibility: the message becomes visible {@code timeout} from now. */
    public boolean changeVisibility(String queue, String receiptHandle, Duration timeout) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE queue_messages SET visible_at = ? WHERE queue = ? AND receipt_handle = ?")) {
                s.setLong(1, clock.millis() + timeout.toMillis());
                s.setString(2, queue);
                s.setString(3, receiptHandle);
                return s.executeUpdate() == 1;
            }
        });
    }

    public record Counts(long visible, long inFlight) {
    }

    public Counts counts(String queue) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT COALESCE(SUM(visible_at <= ?), 0), COALESCE(SUM(visible_at > ?), 0)
                    FROM queue_messages WHERE queue = ?""")) {
                s.setLong(1, clock.millis());
                s.setLong(2, clock.millis());
                s.setString(3, queue);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return new Counts(rs.getLong(1), rs.getLong(2));
                }
            }
        });
    }

    /** The messages of a queue, oldest first, without receiving them: for {@code /_local/queues?peek=}. */
    public ArrayNode peek(String queue, int limit) {
        settings(queue);
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT message_id, body, attributes, receive_count, sent_at FROM queue_messages
                    WHERE queue = ? ORDER BY sent_at, rowid LIMIT ?""")) {
                s.setString(1, queue);
                s.setInt(2, limit);
                ArrayNode messages = Json.internal().createArrayNode();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ObjectNode m = messages.addObject();
                        m.put("messageId", rs.getString(1));
                        m.put("body", rs.getString(2));
                        m.set("attributes", Json.internal().valueToTree(attributes(rs.getString(3))));
                        m.put("receiveCount", rs.getInt(4));
                        m.put("sentAt", Instant.ofEpochMilli(rs.getLong(5)).toString());
                    }
                }
                return messages;
            }
        });
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

    private record Row(String messageId, String body, String attributes, int receiveCount, long sentAt, Long firstReceivedAt) {
    }

    private static List<Row> visible(Connection c, String queue, long now, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT message_id, body, attributes, receive_count, sent_at, first_received_at FROM queue_messages
                WHERE queue = ? AND visible_at <= ? ORDER BY sent_at, rowid LIMIT ?""")) {
            s.setString(1, queue);
            s.setLong(2, now);
            s.setInt(3, limit);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long first = rs.getLong(6);
                    rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5),
                            rs.wasNull() ? null : first));
                }
            }
            return rows;
        }
    }

    private static QueueMessage hide(Connection c, Row row, long now, long visibleAt) throws SQLException {
        String handle = UUID.randomUUID().toString();
        long first = row.firstReceivedAt() == null ? now : row.firstReceivedAt();
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE queue_messages SET receive_count = receive_count + 1, visible_at = ?, receipt_handle = ?,
                first_received_at = ? WHERE message_id = ?""")) {
            s.setLong(1, visibleAt);
            s.setString(2, handle);
            s.setLong(3, first);
            s.setString(4, row.messageId());
            s.executeUpdate();
        }
        return new QueueMessage(row.messageId(), handle, row.body(), attributes(row.attributes()), row.receiveCount() + 1,
                Instant.ofEpochMilli(row.sentAt()), Instant.ofEpochMilli(first));
    }

    /** Redrive: the message keeps its id, body and attributes; its receive count starts again in the DLQ. */
    private static void moveTo(Connection c, String messageId, String deadLetterQueue, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE queue_messages SET queue = ?, visible_at = ?, receive_count = 0, receipt_handle = NULL,
                first_received_at = NULL WHERE message_id = ?""")) {
            s.setString(1, deadLetterQueue);
            s.setLong(2, now);
            s.setString(3, messageId);
            s.executeUpdate();
        }
    }

    private static String json(Map<String, String> attributes) {
        return Json.internal().valueToTree(new TreeMap<>(attributes)).toString();
    }

    private static Map<String, String> attributes(String json) {
        try {
            return Json.internal().readValue(json, ATTRIBUTES);
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("stored message attributes are not JSON", corrupt);
        }
    }

    /** The queue a message is in now, if it still exists (deleted messages are gone). */
    public Optional<String> queueOf(String messageId) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT queue FROM queue_messages WHERE message_id = ?")) {
                s.setString(1, messageId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }
}
