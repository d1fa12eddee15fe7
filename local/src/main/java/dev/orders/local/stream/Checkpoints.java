package dev.orders.local.stream;

import dev.orders.local.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** Where each mapping has got to in each shard: the id of the last record of its last completed batch. */
final class Checkpoints {

    private final Database db;

    Checkpoints(Database db) {
        this.db = db;
        db.schema("""
                CREATE TABLE IF NOT EXISTS stream_checkpoints (
                  mapping TEXT NOT NULL, shard TEXT NOT NULL, last_id INTEGER NOT NULL, PRIMARY KEY (mapping, shard))""");
    }

    Optional<Long> load(String mapping, String shard) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT last_id FROM stream_checkpoints WHERE mapping = ? AND shard = ?")) {
                s.setString(1, mapping);
                s.setString(2, shard);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
                }
            }
        });
    }

    void save(String mapping, String shard, long lastId) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO stream_checkpoints VALUES (?, ?, ?)")) {
                s.setString(1, mapping);
                s.setString(2, shard);
                s.setLong(3, lastId);
                return s.executeUpdate();
            }
        });
    }
}
