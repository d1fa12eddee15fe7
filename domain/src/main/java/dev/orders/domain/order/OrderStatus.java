package dev.orders.domain.order;

/**
 * An order's states in their forward order. A state may be skipped (a record that says SHIPPED
 * may arrive before the one that says PICKED) but never revisited: an earlier or equal state that
 * arrives late is stale. A failed payment may still be followed by a successful one; a paid order
 * never becomes PAYMENT_FAILED. Fulfillment needs payment: PICKED, SHIPPED and DELIVERED are reached
 * only from PAID or later, so an unpaid (or PAYMENT_FAILED) order never ships.
 */
public enum OrderStatus {
    ACCEPTED(0, OrderEventType.ORDER_ACCEPTED, false),
    PAYMENT_FAILED(1, OrderEventType.ORDER_PAYMENT_FAILED, false),
    PAID(2, OrderEventType.ORDER_PAID, false),
    PICKED(3, OrderEventType.ORDER_PICKED, true),
    SHIPPED(4, OrderEventType.ORDER_SHIPPED, true),
    DELIVERED(5, OrderEventType.ORDER_DELIVERED, true);

    private final int rank;
    private final OrderEventType eventType;
    private final boolean needsPayment;

    OrderStatus(int rank, OrderEventType eventType, boolean needsPayment) {
        this.rank = rank;
        this.eventType = eventType;
        this.needsPayment = needsPayment;
    }

    /** Forward only: {@code next} comes after this state (whether this state may already go there is {@link #allows}). */
    public boolean canAdvanceTo(OrderStatus next) {
        return next.rank > rank;
    }

    /** PAID or a state only a paid order reaches. */
    public boolean isPaid() {
        return rank >= PAID.rank;
    }

    /** Whether an order in this state may move to {@code next} now: forward, and paid first when {@code next} needs it. */
    public boolean allows(OrderStatus next) {
        return canAdvanceTo(next) && (!next.needsPayment || isPaid());
    }

    /** The event that announces an order reaching this state. */
    public OrderEventType eventType() {
        return eventType;
    }
}
