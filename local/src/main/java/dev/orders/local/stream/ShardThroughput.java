package dev.orders.local.stream;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Kinesis's per-shard write quota: 1,000 records and 1 MiB per second. A put beyond it is refused with
 * ProvisionedThroughputExceededException, per record, as Kinesis does. Counted in whole-second windows.
 */
final class ShardThroughput {

    static final int RECORDS_PER_SECOND = 1_000;
    static final long BYTES_PER_SECOND = 1024 * 1024;

    private final Clock clock;
    private final Map<String, long[]> windows = new HashMap<>();

    ShardThroughput(Clock clock) {
        this.clock = clock;
    }

    /** Takes quota for one record of {@code bytes} on {@code shardId}, or says there is none left this second. */
    synchronized boolean tryTake(String shardId, long bytes) {
        long second = clock.millis() / 1000;
        long[] window = windows.computeIfAbsent(shardId, s -> new long[3]);
        if (window[0] != second) {
            window[0] = second;
            window[1] = 0;
            window[2] = 0;
        }
        if (window[1] + 1 > RECORDS_PER_SECOND || window[2] + bytes > BYTES_PER_SECOND) {
            return false;
        }
        window[1]++;
        window[2] += bytes;
        return true;
    }
}
