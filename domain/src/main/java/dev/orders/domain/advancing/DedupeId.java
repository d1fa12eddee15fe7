package dev.orders.domain.advancing;

import java.util.Objects;

/**
 * The id under which the store remembers that a message had its effect: the message's own id, qualified by
 * where it came from, so a payment provider's event id can never collide with a warehouse's.
 */
public record DedupeId(Source source, String messageId) {

    /** Where a message that advances an order comes from. */
    public enum Source {
        PAYMENT("payment"),
        FULFILLMENT("fulfillment"),
        /** An S3 object version: its key and ETag (S3 may deliver one upload's notification more than once). */
        RECEIPT("receipt");

        private final String prefix;

        Source(String prefix) {
            this.prefix = prefix;
        }
    }

    public DedupeId {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(messageId, "messageId");
        if (messageId.isEmpty()) {
            throw new IllegalArgumentException("a dedupe id needs the message's id");
        }
    }

    public static DedupeId payment(String providerEventId) {
        return new DedupeId(Source.PAYMENT, providerEventId);
    }

    public static DedupeId fulfillment(String eventId) {
        return new DedupeId(Source.FULFILLMENT, eventId);
    }

    public static DedupeId receipt(String objectKey, String etag) {
        return new DedupeId(Source.RECEIPT, objectKey + "@" + etag);
    }

    /** The stored form, e.g. {@code payment:evt_1}; stable, since stores keep it for weeks. */
    public String value() {
        return source.prefix + ":" + messageId;
    }

    @Override
    public String toString() {
        return value();
    }
}
