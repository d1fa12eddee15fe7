package dev.orders.domain.order;

import dev.orders.domain.money.Money;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A state change as published on the bus. Its id is derived from (order, event type): an order
 * reaches each state at most once, so the same change always carries the same id and every consumer
 * can deduplicate on it. A {@code ReceiptAttached} event carries its receipt, and its id is derived from
 * (order, event type, object key, ETag): one event per upload, however often S3 delivers its notification.
 */
public record OrderEvent(
        String eventId,
        OrderEventType type,
        OrderId orderId,
        CustomerId customerId,
        OrderStatus status,
        Instant occurredAt,
        String causeId,
        Money total,
        Optional<Receipt> receipt) {

    public OrderEvent {
        Objects.requireNonNull(receipt, "receipt");
    }

    /** An event without a receipt: every state change. */
    public OrderEvent(
            String eventId,
            OrderEventType type,
            OrderId orderId,
            CustomerId customerId,
            OrderStatus status,
            Instant occurredAt,
            String causeId,
            Money total) {
        this(eventId, type, orderId, customerId, status, occurredAt, causeId, total, Optional.empty());
    }

    public static OrderEvent of(OrderEventType type, Order order, Instant occurredAt, String causeId) {
        return new OrderEvent(
                id(order.id().value() + "|" + type.detailType()),
                type,
                order.id(),
                order.customerId(),
                order.status(),
                occurredAt,
                causeId,
                order.total());
    }

    public static OrderEvent receiptAttached(Order order, Receipt receipt, Instant occurredAt, String causeId) {
        OrderEventType type = OrderEventType.RECEIPT_ATTACHED;
        String id = id(order.id().value() + "|" + type.detailType() + "|" + receipt.objectKey() + "|" + receipt.etag());
        return new OrderEvent(
                id,
                type,
                order.id(),
                order.customerId(),
                order.status(),
                occurredAt,
                causeId,
                order.total(),
                Optional.of(receipt));
    }

    private static String id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    public String detailType() {
        return type.detailType();
    }
}
