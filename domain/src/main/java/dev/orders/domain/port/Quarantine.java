package dev.orders.domain.port;

import java.time.Instant;
import java.util.Objects;

/**
 * Where input that can never be processed is set aside with its reason, so that it neither blocks
 * what comes after it nor disappears (an SQS queue in AWS).
 */
public interface Quarantine {

    /** Must be durable when it returns: the caller moves past the item afterwards. */
    void hold(Item item);

    /**
     * @param source   the path that rejected it, e.g. {@code fulfillment}
     * @param itemId   where it came from, e.g. the shard and sequence number
     * @param payload  the bytes exactly as received
     * @param reason   why it can never be processed
     */
    record Item(String source, String itemId, byte[] payload, String reason, Instant at) {
        public Item {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(itemId, "itemId");
            payload = payload == null ? new byte[0] : payload.clone();
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
        }
    }
}
