package dev.orders.domain.fulfillment;

import dev.orders.domain.advancing.DedupeId;
import dev.orders.domain.order.OrderId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A valid fulfillment record: every field checked by {@link FulfillmentPolicy}. */
public record FulfillmentEvent(
        String eventId,
        OrderId orderId,
        FulfillmentType type,
        Instant occurredAt,
        String warehouseId,
        Optional<BigDecimal> amount) {

    public FulfillmentEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(warehouseId, "warehouseId");
        Objects.requireNonNull(amount, "amount");
    }

    /** The id under which the store remembers that this record was applied. */
    public DedupeId dedupeId() {
        return DedupeId.fulfillment(eventId);
    }
}
