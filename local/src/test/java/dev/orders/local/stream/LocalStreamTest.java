package dev.orders.local.stream;

import static dev.orders.local.stream.StreamTestKit.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.domain.testing.Fixtures.MutableClock;
import dev.orders.local.store.Database;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStreamTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.atNoon();

    private static LocalStream.PutResult.Stored stored(LocalStream.PutResult result) {
        return (LocalStream.PutResult.Stored) result;
    }

    @Test
    void records_with_the_same_partition_key_land_in_one_shard_in_put_order_with_increasing_sequence_numbers() {
        try (Database db = new Database(dir.resolve("s.db"))) {
            LocalStream stream = new LocalStream(db, "s", 4, Duration.ofHours(24), clock);
            List<LocalStream.Entry> entries = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                entries.add(entry("r" + i, "order-" + (i % 8)));
            }
            List<LocalStream.PutResult> results = stream.put(entries);
            for (int key = 0; key < 8; key++) {
                String shard = stream.shards().shardFor("order-" + key).shardId();
                List<BigInteger> sequences = new ArrayList<>();
                for (int i = key; i < 40; i += 8) {
                    assertThat(stored(results.get(i)).shardId()).isEqualTo(shard);
                    sequences.add(new BigInteger(stored(results.get(i)).sequenceNumber()));
                }
                assertThat(sequences).isSorted().doesNotHaveDuplicates();
            }
            assertThat(results.stream().map(r -> stored(r).shardId()).distinct().count())
                    .isGreaterThan(1);
        }
    }

    @Test
    void an_acknowledged_record_is_there_after_the_database_is_reopened() {
        String sequence;
        try (Database db = new Database(dir.resolve("s.db"))) {
            sequence = stored(new LocalStream(db, "s", 1, Duration.ofHours(24), clock)
                            .put(List.of(entry("kept", "k")))
                            .getFirst())
                    .sequenceNumber();
        }
        try (Database db = new Database(dir.resolve("s.db"))) {
            LocalStream reopened = new LocalStream(db, "s", 1, Duration.ofHours(24), clock);
            List<StreamRecord> records = reopened.read("shardId-000000000000", 0, Long.MAX_VALUE, 10, Long.MAX_VALUE)
                    .records();
            assertThat(records).extracting(StreamRecord::sequenceNumber).containsExactly(sequence);
            assertThat(new String(records.getFirst().data())).isEqualTo("kept");
            assertThat(records.getFirst().approximateArrival()).isEqualTo(clock.instant());
            String next =
                    stored(reopened.put(List.of(entry("next", "k"))).getFirst()).sequenceNumber();
            assertThat(new BigInteger(next)).isGreaterThan(new BigInteger(sequence));
        }
    }

    @Test
    void records_older_than_the_retention_period_are_trimmed() {
        try (Database db = new Database(dir.resolve("s.db"))) {
            LocalStream stream = new LocalStream(db, "s", 1, Duration.ofHours(24), clock);
            stream.put(List.of(entry("old", "k")));
            clock.advance(Duration.ofHours(23));
            stream.put(List.of(entry("young", "k")));
            clock.advance(Duration.ofHours(2));
            assertThat(stream.trim()).isEqualTo(1);
            assertThat(stream.read("shardId-000000000000", 0, Long.MAX_VALUE, 10, Long.MAX_VALUE)
                            .records())
                    .extracting(r -> new String(r.data()))
                    .containsExactly("young");
        }
    }

    @Test
    void a_shard_accepts_at_most_1000_records_per_second_and_refuses_the_rest_one_by_one() {
        try (Database db = new Database(dir.resolve("s.db"))) {
            LocalStream stream = new LocalStream(db, "s", 2, Duration.ofHours(24), clock);
            List<LocalStream.Entry> toShardZero = new ArrayList<>();
            for (int i = 0; i < 1001; i++) {
                toShardZero.add(new LocalStream.Entry(new byte[] {1}, "k" + i, Optional.of(BigInteger.ZERO)));
            }
            List<LocalStream.PutResult> results = stream.put(toShardZero);
            assertThat(results.subList(0, 1000)).allMatch(r -> r instanceof LocalStream.PutResult.Stored);
            assertThat(results.getLast()).isInstanceOf(LocalStream.PutResult.Throttled.class);
            assertThat(stream.put(List.of(entry("other shard", "b"))).getFirst())
                    .isInstanceOf(LocalStream.PutResult.Stored.class);
            clock.advance(Duration.ofSeconds(1));
            assertThat(stream.put(List.of(toShardZero.getFirst())).getFirst())
                    .isInstanceOf(LocalStream.PutResult.Stored.class);
            assertThat(stream.recordCount("shardId-000000000000")).isEqualTo(1001);
        }
    }
}
