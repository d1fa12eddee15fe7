package dev.orders.local.stream;

/**
 * Where one shard of an event source mapping stands: its checkpoint (null before the first batch),
 * the IteratorAge of its last finished batch (null before one finished), and what happened last.
 */
public record ShardStatus(
        String shardId,
        String checkpoint,
        Long iteratorAgeMilliseconds,
        String lastProcessingResult,
        int inFlightRecords,
        long discardedRecords) {}
