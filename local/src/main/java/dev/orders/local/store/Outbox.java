package dev.orders.local.store;

import dev.orders.domain.order.OrderEvent;
import dev.orders.functions.shared.OrderJson;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The outbox table: events written in the same transaction as the state they announce, read in
 * commit order by the relay. This is the store's change feed.
 */
public final class Outbox {

    private final Database db;
    private final Object signal = new Object();
    private volatile boolean pending = true;

    public Outbox(Database db) {
        this.db = db;
        db.schema("""
                CREATE TABLE IF NOT EXISTS outbox (
                  seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE,
                  document TEXT NOT NULL, published INTEGER NOT NULL DEFAULT 0)""", "CREATE INDEX IF NOT EXISTS outbox_unpublished ON outbox (published, seq)");
    }

    public record Entry(long seq, OrderEvent event) {}

    /** Called inside the writer's transaction. An event id already present is not written twice. */
    void append(Connection c, OrderEvent event) throws SQLException {
        append(c, event.eventId(), OrderJson.eventDocument(event));
    }

    /** As {@link #append(Connection, OrderEvent)}, the event as its writer rendered it ({@link OrderJson}'s form). */
    void append(Connection c, String eventId, String document) throws SQLException {
        Database.update(c, "INSERT OR IGNORE INTO outbox (event_id, document) VALUES (?, ?)", eventId, document);
    }

    public List<Entry> unpublished(int limit) {
        return db.query(
                "SELECT seq, document FROM outbox WHERE published = 0 ORDER BY seq LIMIT ?",
                rs -> new Entry(rs.getLong(1), OrderJson.eventFromDocument(rs.getString(2))),
                limit);
    }

    /** Marks an entry published; called by the bus inside the transaction that archives the event. */
    public void markPublished(Connection c, long seq) throws SQLException {
        Database.update(c, "UPDATE outbox SET published = 1 WHERE seq = ?", seq);
    }

    public long pendingCount() {
        return db.queryFirst("SELECT COUNT(*) FROM outbox WHERE published = 0", rs -> rs.getLong(1))
                .orElse(0L);
    }

    void wake() {
        synchronized (signal) {
            pending = true;
            signal.notifyAll();
        }
    }

    /** Blocks until a write signals new entries or {@code millis} pass (a poll, in case a signal was missed). */
    public void awaitWork(long millis) throws InterruptedException {
        synchronized (signal) {
            if (!pending) {
                signal.wait(millis);
            }
            pending = false;
        }
    }
}
