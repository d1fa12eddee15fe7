package dev.orders.local.stream;

import dev.orders.local.delivery.DeliveryFaults;
import dev.orders.local.delivery.DeliveryPath;
import dev.orders.local.store.Database;
import dev.orders.local.template.SamTemplate;
import java.math.BigInteger;
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

    private final StreamStore store;
    private final String name;
    private final ShardMap shards;
    private final Duration retention;
    private final Clock clock;
    private final ShardThroughput throughput;
    private final Instant createdAt;
    private final Object signal = new Object();

    private volatile DeliveryFaults deliveries = DeliveryFaults.NONE;
    private volatile Listener listener = (stream, stored, throttled) -> {};

    /** Hears what Kinesis counts per stream: IncomingRecords and WriteProvisionedThroughputExceeded. */
    public interface Listener {
        void put(String stream, int stored, int throttled);
    }

    public void listen(Listener listener) {
        this.listener = listener;
    }

    public LocalStream(Database db, String name, int shardCount, Duration retention, Clock clock) {
        this.store = new StreamStore(db);
        this.name = name;
        this.shards = ShardMap.evenlySplit(shardCount);
        this.retention = retention;
        this.clock = clock;
        this.throughput = new ShardThroughput(clock);
        this.createdAt = store.createdAt(name, clock.millis());
    }

    /** The stream an {@code AWS::Kinesis::Stream} resource declares: Name, ShardCount, RetentionPeriodHours. */
    public static LocalStream fromTemplate(Database db, SamTemplate template, String logicalId, Clock clock) {
        Map<String, Object> properties = template.properties(logicalId);
        String name = template.string(properties, "Name").orElse(logicalId);
        int shardCount = template.integer(properties, "ShardCount")
                .orElseThrow(() -> new IllegalArgumentException(
                        logicalId + " has no ShardCount (on-demand streams are not emulated)"));
        int hours = template.integer(properties, "RetentionPeriodHours").orElse(DEFAULT_RETENTION_HOURS);
        return new LocalStream(db, name, shardCount, Duration.ofHours(hours), clock);
    }

    /** Delivery faults: a record put is sometimes stored twice (a producer's retry). */
    public void deliveryFaults(DeliveryFaults faults) {
        this.deliveries = faults;
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

    public record Entry(byte[] data, String partitionKey, Optional<BigInteger> explicitHashKey) {}

    public sealed interface PutResult {
        record Stored(String shardId, String sequenceNumber) implements PutResult {}

        record Throttled(String shardId) implements PutResult {}
    }

    /** Stores the entries in one transaction, in order; an entry over its shard's quota is refused alone. */
    public List<PutResult> put(List<Entry> entries) {
        List<PutResult> results = new ArrayList<>();
        List<StreamStore.Insert> accepted = new ArrayList<>();
        List<StreamStore.Insert> duplicates = new ArrayList<>();
        for (Entry entry : entries) {
            ShardMap.Shard shard = entry.explicitHashKey()
                    .map(shards::shardFor)
                    .orElseGet(() -> shards.shardFor(entry.partitionKey()));
            if (throughput.tryTake(
                    shard.shardId(), entry.data().length + entry.partitionKey().length())) {
                accepted.add(new StreamStore.Insert(shard.shardId(), entry.partitionKey(), entry.data()));
                results.add(null); // filled in with the stored record's sequence number below
                if (deliveries.duplicate(
                        DeliveryPath.KINESIS, name, java.util.UUID.randomUUID().toString())) {
                    // a delivery fault: the producer's retry stored the record a second time, with its own sequence
                    // number
                    duplicates.add(new StreamStore.Insert(shard.shardId(), entry.partitionKey(), entry.data()));
                }
            } else {
                results.add(new PutResult.Throttled(shard.shardId()));
            }
        }
        List<Long> ids = store.insertAll(name, accepted, clock.millis());
        if (!duplicates.isEmpty()) {
            store.insertAll(name, duplicates, clock.millis());
        }
        for (int i = 0, stored = 0; i < results.size(); i++) {
            if (results.get(i) == null) {
                results.set(
                        i,
                        new PutResult.Stored(
                                accepted.get(stored).shardId(), StreamRecord.sequenceNumber(ids.get(stored))));
                stored++;
            }
        }
        synchronized (signal) {
            signal.notifyAll();
        }
        int throttled = (int)
                results.stream().filter(r -> r instanceof PutResult.Throttled).count();
        listener.put(name, results.size() - throttled, throttled);
        return results;
    }

    /** What one read returns: the records, and whether a limit (count or bytes) cut it short. */
    public record Read(List<StreamRecord> records, boolean full) {}

    /**
     * Records of {@code shardId} after {@code afterId} up to {@code throughId}, oldest first, at most
     * {@code limit} of them and {@code maxBytes} of data (always at least one record).
     */
    public Read read(String shardId, long afterId, long throughId, int limit, long maxBytes) {
        return store.read(name, shardId, afterId, throughId, limit, maxBytes);
    }

    /** The id of the newest record in the shard, or 0: where a LATEST iterator starts. */
    public long latestId(String shardId) {
        return store.latestId(name, shardId);
    }

    public long recordCount(String shardId) {
        return store.count(name, shardId);
    }

    /** One shard as {@code GET /_local/streams} shows it. */
    public record ShardSummary(
            String shardId,
            BigInteger startingHashKey,
            BigInteger endingHashKey,
            long records,
            String latestSequenceNumber) {}

    public List<ShardSummary> shardSummaries() {
        return shards.shards().stream()
                .map(shard -> {
                    long latest = latestId(shard.shardId());
                    return new ShardSummary(
                            shard.shardId(),
                            shard.startingHashKey(),
                            shard.endingHashKey(),
                            recordCount(shard.shardId()),
                            latest == 0 ? null : StreamRecord.sequenceNumber(latest));
                })
                .toList();
    }

    /** Deletes records older than the retention period; returns how many. */
    public int trim() {
        return store.deleteOlderThan(name, clock.millis() - retention.toMillis());
    }

    /** Waits until a put stores records or {@code millis} pass. */
    public void awaitRecords(long millis) throws InterruptedException {
        synchronized (signal) {
            signal.wait(millis);
        }
    }
}
