package dev.orders.local.bus;

import dev.orders.local.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The SQL behind {@link LocalBus}: the archive (each event once) and the pending deliveries to rule targets. */
final class BusStore {

    private final Database db;

    BusStore(Database db) {
        this.db = db;
        db.schema("""
                CREATE TABLE IF NOT EXISTS bus_archive (
                  seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, source TEXT NOT NULL,
                  detail_type TEXT NOT NULL, time TEXT NOT NULL, envelope TEXT NOT NULL)""", """
                CREATE TABLE IF NOT EXISTS bus_deliveries (
                  id INTEGER PRIMARY KEY AUTOINCREMENT, event_seq INTEGER NOT NULL, rule TEXT NOT NULL,
                  target TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, due_at INTEGER NOT NULL,
                  UNIQUE (event_seq, rule, target))""");
    }

    /** A rule's target an event matched. */
    record Match(String rule, String target) {}

    /** More work for the same transaction (the outbox's published mark). */
    @FunctionalInterface
    interface AlsoInTransaction {
        void run(Connection c) throws SQLException;
    }

    /**
     * Archives the event and records one delivery per match, unless the event is archived already (a
     * republished outbox entry), together with {@code also} in one transaction.
     */
    void archive(BusEvent event, String envelope, List<Match> matches, long dueAt, AlsoInTransaction also) {
        db.transaction(c -> {
            boolean isNew = Database.update(
                            c,
                            "INSERT OR IGNORE INTO bus_archive (event_id, source, detail_type, time, envelope) VALUES (?, ?, ?, ?, ?)",
                            event.id(),
                            event.source(),
                            event.detailType(),
                            event.time().toString(),
                            envelope)
                    == 1;
            if (isNew) {
                long seq = Database.queryFirst(
                                c, "SELECT seq FROM bus_archive WHERE event_id = ?", rs -> rs.getLong(1), event.id())
                        .orElseThrow();
                for (Match match : matches) {
                    Database.update(
                            c,
                            "INSERT OR IGNORE INTO bus_deliveries (event_seq, rule, target, due_at) VALUES (?, ?, ?, ?)",
                            seq,
                            match.rule(),
                            match.target(),
                            dueAt);
                }
            }
            also.run(c);
            return null;
        });
    }

    /** The newest {@code limit} archived envelopes, newest first. */
    List<String> recent(int limit) {
        return db.query("SELECT envelope FROM bus_archive ORDER BY seq DESC LIMIT ?", rs -> rs.getString(1), limit);
    }

    /** The archived envelopes, oldest first, optionally of one detail-type. */
    List<String> envelopes(Optional<String> detailType) {
        return detailType.isPresent()
                ? db.query(
                        "SELECT envelope FROM bus_archive WHERE detail_type = ? ORDER BY seq",
                        rs -> rs.getString(1),
                        detailType.get())
                : db.query("SELECT envelope FROM bus_archive ORDER BY seq", rs -> rs.getString(1));
    }

    /** A delivery whose time has come. */
    record Due(long id, String rule, String target, int attempts, String envelope) {}

    List<Due> due(long now, int limit) {
        return db.query(
                """
                SELECT d.id, d.rule, d.target, d.attempts, a.envelope FROM bus_deliveries d
                JOIN bus_archive a ON a.seq = d.event_seq WHERE d.due_at <= ? ORDER BY d.id LIMIT ?""",
                rs -> new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5)),
                now,
                limit);
    }

    void reschedule(long id, int attempts, long dueAt) {
        db.update("UPDATE bus_deliveries SET attempts = ?, due_at = ? WHERE id = ?", attempts, dueAt, id);
    }

    void finish(long id) {
        db.update("DELETE FROM bus_deliveries WHERE id = ?", id);
    }

    long pendingDeliveries() {
        return db.queryFirst("SELECT COUNT(*) FROM bus_deliveries", rs -> rs.getLong(1))
                .orElse(0L);
    }
}
