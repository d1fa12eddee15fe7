package dev.orders.domain.fulfillment;

/**
 * A fulfillment record as the warehouse sent it, before any rule is applied. Absent fields are null;
 * {@code amount} is the decimal text of a JSON number or string.
 */
public record FulfillmentDraft(
        String eventId, String orderId, String type, String occurredAt, String warehouseId, String amount) {}
