package dev.orders.domain.order;

import dev.orders.domain.money.Money;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * A state change as published on the bus. Its id is derived from (order, event type): an order
 * reaches each state at most once, so the same change always carries the same id and every consumer
 * can deduplicate on it.
 */
public record OrderEvent(String eventId, OrderEventType type, OrderId orderId, CustomerId customerId,
                         OrderStatus status, Instant occurredAt, String causeId, Money total) {

    public static OrderEvent of(OrderEventType type, Order order, Instant occurredAt, String causeId) {
        String name = order.id().value() + "|" + type.detailType();
        String id = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
        return new OrderEvent(id, type, order.id(), order.customerId(), order.status(), occurredAt, causeId, order.total());
    }

    public String detailType() {
        return type.detailType();
    }
}
