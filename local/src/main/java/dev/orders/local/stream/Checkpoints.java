package dev.orders.local.stream;

import dev.orders.local.store.Database;
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
        return db.queryFirst(
                "SELECT last_id FROM stream_checkpoints WHERE mapping = ? AND shard = ?",
                rs -> rs.getLong(1),
                mapping,
                shard);
    }

    void save(String mapping, String shard, long lastId) {
        db.update("INSERT OR REPLACE INTO stream_checkpoints VALUES (?, ?, ?)", mapping, shard, lastId);
    }
}
