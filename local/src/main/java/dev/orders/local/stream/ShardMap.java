package dev.orders.local.stream;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream's shards and their hash-key ranges, as Kinesis creates them: the 128-bit key space split
 * evenly, shard i owning [i·2¹²⁸/n, (i+1)·2¹²⁸/n − 1]. A record goes to the shard whose range holds the
 * MD5 of its partition key read as an unsigned integer, or its explicit hash key.
 */
public record ShardMap(List<Shard> shards) {

    public static final BigInteger MAX_HASH_KEY = BigInteger.TWO.pow(128).subtract(BigInteger.ONE);

    public record Shard(String shardId, BigInteger startingHashKey, BigInteger endingHashKey) {
        boolean owns(BigInteger hashKey) {
            return hashKey.compareTo(startingHashKey) >= 0 && hashKey.compareTo(endingHashKey) <= 0;
        }
    }

    public ShardMap {
        shards = List.copyOf(shards);
    }

    public static ShardMap evenlySplit(int shardCount) {
        if (shardCount < 1) {
            throw new IllegalArgumentException("a stream has at least one shard");
        }
        BigInteger space = BigInteger.TWO.pow(128);
        BigInteger count = BigInteger.valueOf(shardCount);
        List<Shard> shards = new ArrayList<>();
        for (int i = 0; i < shardCount; i++) {
            BigInteger start = space.multiply(BigInteger.valueOf(i)).divide(count);
            BigInteger end =
                    space.multiply(BigInteger.valueOf(i + 1L)).divide(count).subtract(BigInteger.ONE);
            shards.add(new Shard(shardId(i), start, end));
        }
        return new ShardMap(shards);
    }

    /** Kinesis's shard id format: {@code shardId-} and twelve digits. */
    public static String shardId(int index) {
        return String.format("shardId-%012d", index);
    }

    public static BigInteger hashOf(String partitionKey) {
        try {
            return new BigInteger(
                    1, MessageDigest.getInstance("MD5").digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform provides MD5", impossible);
        }
    }

    public Shard shardFor(BigInteger hashKey) {
        return shards.stream()
                .filter(s -> s.owns(hashKey))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("hash key out of range: " + hashKey));
    }

    public Shard shardFor(String partitionKey) {
        return shardFor(hashOf(partitionKey));
    }
}
