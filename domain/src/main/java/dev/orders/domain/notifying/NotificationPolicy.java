package dev.orders.domain.notifying;

import dev.orders.domain.order.EmailAddress;
import dev.orders.domain.order.OrderEvent;

/** What a customer is told about each state their order reaches. */
public final class NotificationPolicy {

    private NotificationPolicy() {}

    public static Notification compose(OrderEvent event, EmailAddress address) {
        String order = event.orderId().value();
        String subject = switch (event.type()) {
            case ORDER_ACCEPTED -> "We received your order " + order;
            case ORDER_PAID -> "Payment received for order " + order;
            case ORDER_PAYMENT_FAILED -> "Payment failed for order " + order;
            case ORDER_PICKED -> "Your order " + order + " is being packed";
            case ORDER_SHIPPED -> "Your order " + order + " is on its way";
            case ORDER_DELIVERED -> "Your order " + order + " was delivered";
            case RECEIPT_ATTACHED -> "A receipt was added to order " + order;
        };
        String text = "Order " + order + " is now " + event.status() + ". Total: " + event.total() + ".";
        return new Notification(
                event.eventId(), event.customerId(), address, event.orderId(), event.detailType(), subject, text);
    }
}
