package dev.orders.local.stream;

import dev.orders.local.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The SQL behind {@link LocalStream}: records of every stream in one table, ids never reused. */
final class StreamStore {

    private final Database db;

    StreamStore(Database db) {
        this.db = db;
        db.schema("""
                CREATE TABLE IF NOT EXISTS stream_records (
                  id INTEGER PRIMARY KEY AUTOINCREMENT, stream TEXT NOT NULL, shard TEXT NOT NULL,
                  partition_key TEXT NOT NULL, data BLOB NOT NULL, arrival_ms INTEGER NOT NULL)""", "CREATE INDEX IF NOT EXISTS stream_records_by_shard ON stream_records (stream, shard, id)", """
                CREATE TABLE IF NOT EXISTS streams (name TEXT PRIMARY KEY, created_ms INTEGER NOT NULL)""");
    }

    /** When the stream was first seen in this data folder (now, if it is new). */
    Instant createdAt(String stream, long now) {
        return db.transaction(c -> {
            Database.update(c, "INSERT OR IGNORE INTO streams VALUES (?, ?)", stream, now);
            return Database.queryFirst(
                            c,
                            "SELECT created_ms FROM streams WHERE name = ?",
                            rs -> Instant.ofEpochMilli(rs.getLong(1)),
                            stream)
                    .orElseThrow();
        });
    }

    /** A record to store in a shard. */
    record Insert(String shardId, String partitionKey, byte[] data) {}

    /** Stores every record in one transaction; returns their ids, in order. */
    List<Long> insertAll(String stream, List<Insert> records, long arrivalMillis) {
        return db.transaction(c -> {
            List<Long> ids = new ArrayList<>();
            for (Insert record : records) {
                Database.update(
                        c,
                        "INSERT INTO stream_records (stream, shard, partition_key, data, arrival_ms) VALUES (?, ?, ?, ?, ?)",
                        stream,
                        record.shardId(),
                        record.partitionKey(),
                        record.data(),
                        arrivalMillis);
                ids.add(Database.queryFirst(c, "SELECT last_insert_rowid()", rs -> rs.getLong(1))
                        .orElseThrow());
            }
            return ids;
        });
    }

    /**
     * Records of a shard with {@code afterId < id <= throughId}, oldest first, at most {@code limit} of them and
     * {@code maxBytes} of data (always at least one). Rows are read one by one so a byte-bounded read never holds
     * more than it returns; {@code full} says whether a limit cut it short.
     */
    LocalStream.Read read(String stream, String shardId, long afterId, long throughId, int limit, long maxBytes) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT id, partition_key, data, arrival_ms FROM stream_records
                    WHERE stream = ? AND shard = ? AND id > ? AND id <= ? ORDER BY id LIMIT ?""")) {
                s.setString(1, stream);
                s.setString(2, shardId);
                s.setLong(3, afterId);
                s.setLong(4, throughId);
                s.setInt(5, limit);
                List<StreamRecord> records = new ArrayList<>();
                long bytes = 0;
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        byte[] data = rs.getBytes(3);
                        if (!records.isEmpty() && bytes + data.length > maxBytes) {
                            return new LocalStream.Read(records, true);
                        }
                        bytes += data.length;
                        records.add(new StreamRecord(
                                shardId, rs.getLong(1), rs.getString(2), data, Instant.ofEpochMilli(rs.getLong(4))));
                    }
                }
                return new LocalStream.Read(records, records.size() >= limit);
            }
        });
    }

    long latestId(String stream, String shardId) {
        return aggregate("MAX(id)", stream, shardId);
    }

    long count(String stream, String shardId) {
        return aggregate("COUNT(*)", stream, shardId);
    }

    private long aggregate(String aggregate, String stream, String shardId) {
        return db.queryFirst(
                        "SELECT COALESCE(" + aggregate + ", 0) FROM stream_records WHERE stream = ? AND shard = ?",
                        rs -> rs.getLong(1),
                        stream,
                        shardId)
                .orElse(0L);
    }

    int deleteOlderThan(String stream, long horizonMillis) {
        return db.update("DELETE FROM stream_records WHERE stream = ? AND arrival_ms < ?", stream, horizonMillis);
    }
}
