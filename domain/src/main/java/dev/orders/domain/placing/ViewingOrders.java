package dev.orders.domain.placing;

import dev.orders.domain.order.CustomerId;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.port.OrderStore;
import java.util.Optional;

/** Reading an order. Another customer's order reads as absent, so its existence does not leak. */
public final class ViewingOrders {

    private final OrderStore store;

    public ViewingOrders(OrderStore store) {
        this.store = store;
    }

    public Optional<Order> view(CustomerId caller, String orderId) {
        if (!OrderId.isValid(orderId)) {
            return Optional.empty();
        }
        return store.findOrder(new OrderId(orderId)).filter(order -> order.belongsTo(caller));
    }
}
