package dev.orders.local.stream;

import dev.orders.local.store.Database;
import dev.orders.local.template.SamTemplate;

import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Kinesis data stream on the local database: records hashed to shards, sequence numbers increasing
 * per shard, approximate arrival times, retention. A put is acknowledged only after its transaction
 * commits (see {@code Database}), so an acknowledged record survives {@code kill -9}.
 */
public final class LocalStream {

    public static final int DEFAULT_RETENTION_HOURS = 24;
    public static final String ACCOUNT = "000000000000";
    public static final String REGION = "us-east-1";

    private final Database db;
    private final String name;
    private final ShardMap shards;
    private final Duration retention;
    private final Clock clock;
    private final ShardThroughput throughput;
    private final Instant createdAt;
    private final Object signal = new Object();

    private volatile Listener listener = (stream, stored, throttled) -> {
    };

    /** Hears what Kinesis counts per stream: IncomingRecords and WriteProvisionedThroughputExceeded. */
    public interface Listener {
        void put(String stream, int stored, int throttled);
    }

    public void listen(Listener listener) {
        this.listener = listener;
    }

    public LocalStream(Database db, String name, int shardCount, Duration retention, Clock clock) {
        this.db = db;
        this.name = name;
        this.shards = ShardMap.evenlySplit(shardCount);
        this.retention = retention;
        this.clock = clock;
        this.throughput = new ShardThroughput(clock);
        db.schema("""
                CREATE TABLE IF NOT EXISTS stream_records (
                  id INTEGER PRIMARY KEY AUTOINCREMENT, stream TEXT NOT NULL, shard TEXT NOT NULL,
                  partition_key TEXT NOT NULL, data BLOB NOT NULL, arrival_ms INTEGER NOT NULL)""",
                "CREATE INDEX IF NOT EXISTS stream_records_by_shard ON stream_records (stream, shard, id)", """
                CREATE TABLE IF NOT EXISTS streams (name TEXT PRIMARY KEY, created_ms INTEGER NOT NULL)""");
        this.createdAt = db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR IGNORE INTO streams VALUES (?, ?)")) {
                s.setString(1, name);
                s.setLong(2, clock.millis());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("SELECT created_ms FROM streams WHERE name = ?")) {
                s.setString(1, name);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return Instant.ofEpochMilli(rs.getLong(1));
                }
            }
        });
    }

    /** The stream an {@code AWS::Kinesis::Stream} resource declares: Name, ShardCount, RetentionPeriodHours. */
    public static LocalStream fromTemplate(Database db, SamTemplate template, String logicalId, Clock clock) {
        Map<String, Object> properties = template.properties(logicalId);
        String name = template.string(properties, "Name").orElse(logicalId);
        int shardCount = template.integer(properties, "ShardCount")
                .orElseThrow(() -> new IllegalArgumentException(logicalId + " has no ShardCount (on-demand streams are not emulated)"));
        int hours = template.integer(properties, "RetentionPeriodHours").orElse(DEFAULT_RETENTION_HOURS);
        return new LocalStream(db, name, shardCount, Duration.ofHours(hours), clock);
    }

    public String name() {
        return name;
    }

    public String arn() {
        return "arn:aws:kinesis:" + REGION + ":" + ACCOUNT + ":stream/" + name;
    }

    public ShardMap shards() {
        return shards;
    }

    public Duration retention() {
        return retention;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public record Entry(byte[] data, String partitionKey, Optional<BigInteger> explicitHashKey) {
    }

    public sealed interface PutResult {
        record Stored(String shardId, String sequenceNumber) implements PutResult {
        }

        record Throttled(String shardId) implements PutResult {
        }
    }

    /** Stores the entries in one transaction, in order; an entry over its shard's quota is refused alone. */
    public List<PutResult> put(List<Entry> entries) {
        long now = clock.millis();
        List<PutResult> results = db.transaction(c -> {
            List<PutResult> stored = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO stream_records (stream, shard, partition_key, data, arrival_ms) VALUES (?, ?, ?, ?, ?)",
                    PreparedStatement.RETURN_GENERATED_KEYS)) {
                for (Entry entry : entries) {
                    ShardMap.Shard shard = entry.explicitHashKey().map(shards::shardFor)
                            .orElseGet(() -> shards.shardFor(entry.partitionKey()));
                    if (!throughput.tryTake(shard.shardId(), entry.data().length + entry.partitionKey().length())) {
                        stored.add(new PutResult.Throttled(shard.shardId()));
                        continue;
                    }
                    s.setString(1, name);
                    s.setString(2, shard.shardId());
                    s.setString(3, entry.partitionKey());
                    s.setBytes(4, entry.data());
                    s.setLong(5, now);
                    s.executeUpdate();
                    try (ResultSet keys = s.getGeneratedKeys()) {
                        keys.next();
                        stored.add(new PutResult.Stored(shard.shardId(), StreamRecord.sequenceNumber(keys.getLong(1))));
                    }
                }
            }
            return stored;
        });
        synchronized (signal) {
            signal.notifyAll();
        }
        int throttled = (int) results.stream().filter(r -> r instanceof PutResult.Throttled).count();
        listener.put(name, results.size() - throttled, throttled);
        return results;
    }

    /** What one read returns: the records, and whether a limit (count or bytes) cut it short. */
    public record Read(List<StreamRecord> records, boolean full) {
    }

    /**
     * Records of {@code shardId} after {@code afterId} up to {@code throughId}, oldest first, at most
     * {@code limit} of them and {@code maxBytes} of data (always at least one record).
     */
    public Read read(String shardId, long afterId, long throughId, int limit, long maxBytes) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT id, partition_key, data, arrival_ms FROM stream_records
                    WHERE stream = ? AND shard = ? AND id > ? AND id <= ? ORDER BY id LIMIT ?""")) {
                s.setString(1, name);
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
                            return new Read(records, true);
                        }
                        bytes += data.length;
                        records.add(new StreamRecord(shardId, rs.getLong(1), rs.getString(2), data, Instant.ofEpochMilli(rs.getLong(4))));
                    }
                }
                return new Read(records, records.size() >= limit);
            }
        });
    }

    /** The id of the newest record in the shard, or 0: where a LATEST iterator starts. */
    public long latestId(String shardId) {
        return shardStat(shardId, "MAX(id)");
    }

    public long recordCount(String shardId) {
        return shardStat(shardId, "COUNT(*)");
    }

    private long shardStat(String shardId, String aggregate) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(" + aggregate + ", 0) FROM stream_records WHERE stream = ? AND shard = ?")) {
                s.setString(1, name);
                s.setString(2, shardId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Deletes records older than the retention period; returns how many. */
    public int trim() {
        long horizon = clock.millis() - retention.toMillis();
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM stream_records WHERE stream = ? AND arrival_ms < ?")) {
                s.setString(1, name);
                s.setLong(2, horizon);
                return s.executeUpdate();
            }
        });
    }

    /** Waits until a put stores records or {@code millis} pass. */
    public void awaitRecords(long millis) throws InterruptedException {
        synchronized (signal) {
            signal.wait(millis);
        }
    }
}
