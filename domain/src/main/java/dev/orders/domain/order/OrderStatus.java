package dev.orders.domain.order;

/**
 * An order's states in their forward order. A state may be skipped (a record that says SHIPPED
 * may arrive before the one that says PICKED) but never revisited: an earlier or equal state that
 * arrives late is stale. A failed payment may still be followed by a successful one; a paid order
 * never becomes PAYMENT_FAILED.
 */
public enum OrderStatus {
    ACCEPTED(0, OrderEventType.ORDER_ACCEPTED),
    PAYMENT_FAILED(1, OrderEventType.ORDER_PAYMENT_FAILED),
    PAID(2, OrderEventType.ORDER_PAID),
    PICKED(3, OrderEventType.ORDER_PICKED),
    SHIPPED(4, OrderEventType.ORDER_SHIPPED),
    DELIVERED(5, OrderEventType.ORDER_DELIVERED);

    private final int rank;
    private final OrderEventType eventType;

    OrderStatus(int rank, OrderEventType eventType) {
        this.rank = rank;
        this.eventType = eventType;
    }

    public boolean canAdvanceTo(OrderStatus next) {
        return next.rank > rank;
    }

    /** The event that announces an order reaching this state. */
    public OrderEventType eventType() {
        return eventType;
    }
}
