package dev.orders.local.stream;

import java.math.BigInteger;
import java.time.Instant;

/**
 * One stored record. {@code id} is the row's position in the stream's table (never reused), from
 * which the sequence number is derived: numeric, of Kinesis's length, increasing with the id.
 */
public record StreamRecord(String shardId, long id, String partitionKey, byte[] data, Instant approximateArrival) {

    /** 56 digits like a real sequence number, so string and numeric order agree. */
    static final BigInteger SEQUENCE_BASE = new BigInteger("49600000000000000000000000000000000000000000000000000000");

    public String sequenceNumber() {
        return sequenceNumber(id);
    }

    public static String sequenceNumber(long id) {
        return SEQUENCE_BASE.add(BigInteger.valueOf(id)).toString();
    }

    /** The id of a sequence number this stream issued, or -1 for anything else. */
    public static long idOf(String sequenceNumber) {
        if (sequenceNumber == null || !sequenceNumber.matches("\\d{1,60}")) {
            return -1;
        }
        BigInteger id = new BigInteger(sequenceNumber).subtract(SEQUENCE_BASE);
        return id.signum() <= 0 || id.bitLength() > 62 ? -1 : id.longValue();
    }
}
