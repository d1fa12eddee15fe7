package dev.orders.domain.notifying;

import dev.orders.domain.order.EmailAddress;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderEvent;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.port.Mailer;
import dev.orders.domain.port.OrderStore;
import java.util.Optional;

/**
 * Telling a customer about their order (P6): one message per (order, event type), however many times
 * the event is delivered. The mailer keys each message by the notification id, which is the event's id, so a
 * redelivered event finds its message already sent. The address is the one stored with the order; an order
 * placed without a verified address gets no mail (counted, not an error).
 */
public final class NotifyingCustomers {

    private final OrderStore orders;
    private final Mailer mailer;

    public NotifyingCustomers(OrderStore orders, Mailer mailer) {
        this.orders = orders;
        this.mailer = mailer;
    }

    public sealed interface Outcome {
        record Sent(Notification notification) implements Outcome {}

        record AlreadySent(String notificationId) implements Outcome {}

        /** The order has no verified address: nobody to write to. */
        record NoAddress(OrderId orderId) implements Outcome {}

        /** The order is not visible (yet): the event overtook the read, so try again later. */
        record NotVisible(OrderId orderId) implements Outcome {}

        /** The provider will never take this message: set it aside with the reason. */
        record Undeliverable(String notificationId, String reason) implements Outcome {}
    }

    public Outcome announce(OrderEvent event) {
        Optional<Order> order = orders.findOrder(event.orderId());
        if (order.isEmpty()) {
            return new Outcome.NotVisible(event.orderId());
        }
        Optional<EmailAddress> address = order.get().contact();
        if (address.isEmpty()) {
            return new Outcome.NoAddress(event.orderId());
        }
        Notification notification = NotificationPolicy.compose(event, address.get());
        return switch (mailer.send(notification)) {
            case Mailer.Delivery.Sent sent -> new Outcome.Sent(notification);
            case Mailer.Delivery.AlreadySent already -> new Outcome.AlreadySent(notification.id());
            case Mailer.Delivery.Refused refused -> new Outcome.Undeliverable(notification.id(), refused.reason());
        };
    }
}
