package dev.orders.local.views;

import dev.orders.domain.order.OrderId;
import dev.orders.domain.port.OrderStore;
import java.util.Map;

/**
 * {@code GET /_local/order-total?orderId=}: what a payment provider knows about an order it is asked to charge,
 * its status and total. Local-only, for {@code ./orders pay}, which has no customer token (a provider never does).
 */
public record OrderTotalView(OrderStore store) implements View {

    record Total(String orderId, String status, String amount, String currency) {}

    @Override
    public Answer render(Map<String, String> query) {
        String orderId = query.get("orderId");
        if (orderId == null || !OrderId.isValid(orderId)) {
            return Answer.error(400, "orderId must be an order id");
        }
        return store.findOrder(new OrderId(orderId))
                .map(order -> Answer.ok(new Total(
                        order.id().value(),
                        order.status().name(),
                        order.total().amountText(),
                        order.total().currency().getCurrencyCode())))
                .orElseGet(() -> Answer.error(404, "no such order"));
    }
}
