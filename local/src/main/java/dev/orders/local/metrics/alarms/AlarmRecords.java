package dev.orders.local.metrics.alarms;

import dev.orders.local.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The alarms' durable part: each alarm's state and its history (CloudWatch keeps history two weeks). */
final class AlarmRecords {

    static final long HISTORY_MILLIS = 14L * 24 * 3600 * 1000;

    private final Database db;

    AlarmRecords(Database db) {
        this.db = db;
        db.schema("""
                CREATE TABLE IF NOT EXISTS alarm_states (
                  name TEXT PRIMARY KEY, state TEXT NOT NULL, reason TEXT NOT NULL, reason_data TEXT,
                  updated_ms INTEGER NOT NULL, transitioned_ms INTEGER NOT NULL, configured_ms INTEGER NOT NULL,
                  configuration TEXT NOT NULL)""", """
                CREATE TABLE IF NOT EXISTS alarm_history (
                  seq INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, at_ms INTEGER NOT NULL, type TEXT NOT NULL,
                  summary TEXT NOT NULL, data TEXT NOT NULL)""", "CREATE INDEX IF NOT EXISTS alarm_history_by_name ON alarm_history (name, at_ms)");
    }

    record Stored(AlarmStatus status, String configuration) {}

    Map<String, Stored> load() {
        return db.read(c -> {
            Map<String, Stored> states = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement(
                            "SELECT name, state, reason, reason_data, updated_ms, transitioned_ms, configured_ms, configuration FROM alarm_states");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    states.put(
                            rs.getString(1),
                            new Stored(
                                    new AlarmStatus(
                                            AlarmState.valueOf(rs.getString(2)),
                                            rs.getString(3),
                                            rs.getString(4),
                                            Instant.ofEpochMilli(rs.getLong(5)),
                                            Instant.ofEpochMilli(rs.getLong(6)),
                                            Instant.ofEpochMilli(rs.getLong(7))),
                                    rs.getString(8)));
                }
            }
            return states;
        });
    }

    /** The new status and its history items, in one transaction. */
    void save(String name, AlarmStatus status, String configuration, List<AlarmHistoryItem> items) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT OR REPLACE INTO alarm_states (name, state, reason, reason_data, updated_ms, transitioned_ms, configured_ms, configuration)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                s.setString(1, name);
                s.setString(2, status.state().name());
                s.setString(3, status.reason());
                s.setString(4, status.reasonData());
                s.setLong(5, status.updated().toEpochMilli());
                s.setLong(6, status.transitioned().toEpochMilli());
                s.setLong(7, status.configurationUpdated().toEpochMilli());
                s.setString(8, configuration);
                s.executeUpdate();
            }
            append(c, items);
            return null;
        });
    }

    void append(List<AlarmHistoryItem> items) {
        db.transaction(c -> {
            append(c, items);
            return null;
        });
    }

    private static void append(java.sql.Connection c, List<AlarmHistoryItem> items) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO alarm_history (name, at_ms, type, summary, data) VALUES (?, ?, ?, ?, ?)")) {
            for (AlarmHistoryItem item : items) {
                s.setString(1, item.alarmName());
                s.setLong(2, item.timestamp().toEpochMilli());
                s.setString(3, item.type());
                s.setString(4, item.summary());
                s.setString(5, item.data());
                s.executeUpdate();
            }
        }
    }

    /** History, newest first unless {@code ascending}, at most {@code limit} items from {@code offset}. */
    List<AlarmHistoryItem> history(
            Optional<String> name,
            Optional<String> type,
            Instant from,
            Instant to,
            boolean ascending,
            int offset,
            int limit) {
        return db.read(c -> {
            String sql = "SELECT name, at_ms, type, summary, data FROM alarm_history WHERE at_ms >= ? AND at_ms <= ?"
                    + (name.isPresent() ? " AND name = ?" : "") + (type.isPresent() ? " AND type = ?" : "")
                    + " ORDER BY at_ms " + (ascending ? "ASC, seq ASC" : "DESC, seq DESC") + " LIMIT ? OFFSET ?";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                s.setLong(i++, from.toEpochMilli());
                s.setLong(i++, to.toEpochMilli());
                if (name.isPresent()) {
                    s.setString(i++, name.get());
                }
                if (type.isPresent()) {
                    s.setString(i++, type.get());
                }
                s.setInt(i++, limit);
                s.setInt(i, offset);
                List<AlarmHistoryItem> items = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        items.add(new AlarmHistoryItem(
                                rs.getString(1),
                                Instant.ofEpochMilli(rs.getLong(2)),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5)));
                    }
                }
                return items;
            }
        });
    }

    void pruneHistory(Instant now) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM alarm_history WHERE at_ms < ?")) {
                s.setLong(1, now.toEpochMilli() - HISTORY_MILLIS);
                return s.executeUpdate();
            }
        });
    }
}
