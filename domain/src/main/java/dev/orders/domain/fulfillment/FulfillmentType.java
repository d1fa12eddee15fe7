package dev.orders.domain.fulfillment;

import dev.orders.domain.order.OrderStatus;
import java.util.Arrays;
import java.util.Optional;

/** What a warehouse reports about an order; each moves the order to the state of the same name. */
public enum FulfillmentType {
    PICKED(OrderStatus.PICKED),
    SHIPPED(OrderStatus.SHIPPED),
    DELIVERED(OrderStatus.DELIVERED);

    private final OrderStatus status;

    FulfillmentType(OrderStatus status) {
        this.status = status;
    }

    public OrderStatus status() {
        return status;
    }

    public static Optional<FulfillmentType> named(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }
}
