package dev.orders.local.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class ShardMapTest {

    @Test
    void the_shards_cover_the_whole_128_bit_key_space_without_gaps_or_overlaps() {
        ShardMap map = ShardMap.evenlySplit(3);
        assertThat(map.shards())
                .extracting(ShardMap.Shard::shardId)
                .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
        assertThat(map.shards().getFirst().startingHashKey()).isEqualTo(BigInteger.ZERO);
        assertThat(map.shards().getLast().endingHashKey()).isEqualTo(ShardMap.MAX_HASH_KEY);
        for (int i = 1; i < 3; i++) {
            assertThat(map.shards().get(i).startingHashKey())
                    .isEqualTo(map.shards().get(i - 1).endingHashKey().add(BigInteger.ONE));
        }
    }

    @Test
    void a_partition_key_hashes_to_the_unsigned_md5_of_its_utf8_bytes() throws Exception {
        // md5("a") = 0cc175b9c0f1b6a831c399e269772661, whose top bit is clear; md5("b") = 92eb5ffe..., whose top bit is
        // set
        assertThat(ShardMap.hashOf("a")).isEqualTo(new BigInteger("0cc175b9c0f1b6a831c399e269772661", 16));
        assertThat(ShardMap.hashOf("b"))
                .isEqualTo(new BigInteger(
                        1, MessageDigest.getInstance("MD5").digest("b".getBytes(StandardCharsets.UTF_8))));
        assertThat(ShardMap.hashOf("b").signum()).isPositive();
        ShardMap two = ShardMap.evenlySplit(2);
        assertThat(two.shardFor("a").shardId()).isEqualTo("shardId-000000000000");
        assertThat(two.shardFor("b").shardId()).isEqualTo("shardId-000000000001");
    }

    @Test
    void an_explicit_hash_key_picks_the_shard_that_owns_it() {
        ShardMap two = ShardMap.evenlySplit(2);
        BigInteger half = BigInteger.TWO.pow(127);
        assertThat(two.shardFor(half.subtract(BigInteger.ONE)).shardId()).isEqualTo("shardId-000000000000");
        assertThat(two.shardFor(half).shardId()).isEqualTo("shardId-000000000001");
        assertThatThrownBy(() -> two.shardFor(ShardMap.MAX_HASH_KEY.add(BigInteger.ONE)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
