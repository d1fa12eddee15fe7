package dev.orders.local.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;

/**
 * A durable local stand-in for an SQS queue that only receives (an OnFailure destination, a quarantine):
 * a message is committed before {@link #send} returns, and stays until someone looks at it.
 */
public final class DestinationQueue {

    private final Database db;
    private final String name;
    private final Clock clock;

    public DestinationQueue(Database db, String name, Clock clock) {
        this.db = db;
        this.name = name;
        this.clock = clock;
        db.schema("""
                CREATE TABLE IF NOT EXISTS destination_messages (
                  id INTEGER PRIMARY KEY AUTOINCREMENT, queue TEXT NOT NULL, sent_at TEXT NOT NULL, body TEXT NOT NULL)""");
    }

    public String name() {
        return name;
    }

    public void send(String body) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO destination_messages (queue, sent_at, body) VALUES (?, ?, ?)")) {
                s.setString(1, name);
                s.setString(2, clock.instant().toString());
                s.setString(3, body);
                return s.executeUpdate();
            }
        });
    }

    /** Every message, oldest first, with its body parsed: what {@code /_local/} shows. */
    public ArrayNode messages() {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, sent_at, body FROM destination_messages WHERE queue = ? ORDER BY id")) {
                s.setString(1, name);
                ArrayNode messages = Json.internal().createArrayNode();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        messages.addObject().put("messageId", rs.getLong(1)).put("sentAt", rs.getString(2))
                                .set("body", Json.internal().readTree(rs.getString(3)));
                    }
                } catch (JsonProcessingException corrupt) {
                    throw new IllegalStateException("a stored message is not JSON", corrupt);
                }
                return messages;
            }
        });
    }

    public long depth() {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM destination_messages WHERE queue = ?")) {
                s.setString(1, name);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
