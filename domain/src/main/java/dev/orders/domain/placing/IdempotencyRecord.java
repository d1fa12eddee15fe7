package dev.orders.domain.placing;

import dev.orders.domain.order.OrderId;
import java.time.Duration;
import java.time.Instant;

/**
 * What a key was first used for: the fingerprint of the request and the order it created. Written in
 * the same atomic write as the order, so a record never exists without its order.
 */
public record IdempotencyRecord(
        IdempotencyScope scope, String fingerprint, OrderId orderId, Instant createdAt, Instant expiresAt) {

    /** How long a key is remembered. After that the same key starts a new request. */
    public static final Duration TTL = Duration.ofHours(24);

    public static IdempotencyRecord of(PlaceOrder command, OrderId orderId, Instant now) {
        return new IdempotencyRecord(command.scope(), command.fingerprint(), orderId, now, now.plus(TTL));
    }

    public boolean isLiveAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
