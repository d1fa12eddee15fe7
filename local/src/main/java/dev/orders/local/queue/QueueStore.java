package dev.orders.local.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.orders.functions.shared.Json;
import dev.orders.local.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** The SQL behind {@link LocalQueues}: one table of messages, each row in one queue. */
final class QueueStore {

    private static final TypeReference<TreeMap<String, String>> ATTRIBUTES = new TypeReference<>() {};

    private final Database db;

    QueueStore(Database db) {
        this.db = db;
        db.schema(
                """
                CREATE TABLE IF NOT EXISTS queue_messages (
                  message_id TEXT PRIMARY KEY, queue TEXT NOT NULL, body TEXT NOT NULL, attributes TEXT NOT NULL,
                  sent_at INTEGER NOT NULL, visible_at INTEGER NOT NULL, receive_count INTEGER NOT NULL DEFAULT 0,
                  first_received_at INTEGER, receipt_handle TEXT UNIQUE)""",
                "CREATE INDEX IF NOT EXISTS queue_messages_visible ON queue_messages (queue, visible_at, sent_at)");
        adoptDestinationMessages();
    }

    /** A stored message as {@code receive} sees it. */
    record Row(
            String messageId,
            String body,
            Map<String, String> attributes,
            int receiveCount,
            long sentAt,
            Long firstReceivedAt) {}

    /** Work on the queues that commits or rolls back as one. */
    @FunctionalInterface
    interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    <T> T transaction(Work<T> work) {
        return db.transaction(c -> work.run(new Tx(c)));
    }

    /** The statements one transaction can run. */
    static final class Tx {
        private final Connection c;

        private Tx(Connection c) {
            this.c = c;
        }

        List<Row> visible(String queue, long now, int limit) throws SQLException {
            return Database.query(
                    c,
                    """
                    SELECT message_id, body, attributes, receive_count, sent_at, first_received_at FROM queue_messages
                    WHERE queue = ? AND visible_at <= ? ORDER BY sent_at, rowid LIMIT ?""",
                    rs -> {
                        long first = rs.getLong(6);
                        return new Row(
                                rs.getString(1),
                                rs.getString(2),
                                attributes(rs.getString(3)),
                                rs.getInt(4),
                                rs.getLong(5),
                                rs.wasNull() ? null : first);
                    },
                    queue,
                    now,
                    limit);
        }

        /** Counts a receive and hides the message until {@code visibleAt} under a new receipt handle. */
        void hide(String messageId, String receiptHandle, long firstReceivedAt, long visibleAt) throws SQLException {
            Database.update(c, """
                    UPDATE queue_messages SET receive_count = receive_count + 1, visible_at = ?, receipt_handle = ?,
                    first_received_at = ? WHERE message_id = ?""", visibleAt, receiptHandle, firstReceivedAt, messageId);
        }

        /** Redrive: same id, body and attributes; the receive count starts again in the other queue. */
        void moveTo(String messageId, String queue, long now) throws SQLException {
            Database.update(c, """
                    UPDATE queue_messages SET queue = ?, visible_at = ?, receive_count = 0, receipt_handle = NULL,
                    first_received_at = NULL WHERE message_id = ?""", queue, now, messageId);
        }
    }

    String insert(String queue, String body, Map<String, String> attributes, long now) {
        String id = UUID.randomUUID().toString();
        db.update(
                "INSERT INTO queue_messages (message_id, queue, body, attributes, sent_at, visible_at) VALUES (?, ?, ?, ?, ?, ?)",
                id,
                queue,
                body,
                json(attributes),
                now,
                now);
        return id;
    }

    boolean delete(String queue, String receiptHandle) {
        return db.update("DELETE FROM queue_messages WHERE queue = ? AND receipt_handle = ?", queue, receiptHandle)
                == 1;
    }

    boolean changeVisibility(String queue, String receiptHandle, long visibleAt) {
        return db.update(
                        "UPDATE queue_messages SET visible_at = ? WHERE queue = ? AND receipt_handle = ?",
                        visibleAt,
                        queue,
                        receiptHandle)
                == 1;
    }

    LocalQueues.Counts counts(String queue, long now) {
        return db.queryFirst("""
                SELECT COALESCE(SUM(visible_at <= ?), 0), COALESCE(SUM(visible_at > ?), 0)
                FROM queue_messages WHERE queue = ?""", rs -> new LocalQueues.Counts(rs.getLong(1), rs.getLong(2)), now, now, queue)
                .orElseThrow();
    }

    List<StoredMessage> peek(String queue, int limit) {
        return db.query(
                """
                SELECT message_id, body, attributes, receive_count, sent_at FROM queue_messages
                WHERE queue = ? ORDER BY sent_at, rowid LIMIT ?""",
                rs -> new StoredMessage(
                        rs.getString(1),
                        rs.getString(2),
                        attributes(rs.getString(3)),
                        rs.getInt(4),
                        Instant.ofEpochMilli(rs.getLong(5))),
                queue,
                limit);
    }

    Optional<String> queueOf(String messageId) {
        return db.queryFirst("SELECT queue FROM queue_messages WHERE message_id = ?", rs -> rs.getString(1), messageId);
    }

    /**
     * Data folders written before the quarantine and OnFailure queues became queues kept their messages in a
     * table of their own ({@code destination_messages}): they move here once, in one transaction, keeping their
     * queue, body and send time, and that table goes.
     */
    private void adoptDestinationMessages() {
        db.transaction(c -> {
            boolean old = Database.queryFirst(
                            c,
                            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'destination_messages'",
                            rs -> true)
                    .isPresent();
            if (old) {
                Database.update(c, """
                        INSERT INTO queue_messages (message_id, queue, body, attributes, sent_at, visible_at)
                        SELECT lower(hex(randomblob(16))), queue, body, '{}',
                               CAST(ROUND((julianday(sent_at) - 2440587.5) * 86400000) AS INTEGER),
                               CAST(ROUND((julianday(sent_at) - 2440587.5) * 86400000) AS INTEGER)
                        FROM destination_messages ORDER BY id""");
                Database.update(c, "DROP TABLE destination_messages");
            }
            return null;
        });
    }

    private static String json(Map<String, String> attributes) {
        try {
            return Json.internal().writeValueAsString(new TreeMap<>(attributes));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("string attributes always serialize", impossible);
        }
    }

    private static Map<String, String> attributes(String json) {
        try {
            return Json.internal().readValue(json, ATTRIBUTES);
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("stored message attributes are not JSON", corrupt);
        }
    }
}
