package dev.orders.domain.notifying;

import dev.orders.domain.order.OrderEvent;
import dev.orders.domain.port.Mailer;

/**
 * Telling a customer about their order (SPEC P6): one message per (order, event type), however many
 * times the event is delivered. The mailer keys each message by the notification id, which is the
 * event's id, so a redelivered event finds its message already sent.
 */
public final class NotifyingCustomers {

    private final Mailer mailer;

    public NotifyingCustomers(Mailer mailer) {
        this.mailer = mailer;
    }

    public sealed interface Outcome {
        record Sent(Notification notification) implements Outcome {
        }

        record AlreadySent(String notificationId) implements Outcome {
        }
    }

    public Outcome announce(OrderEvent event) {
        Notification notification = NotificationPolicy.compose(event);
        return switch (mailer.send(notification)) {
            case SENT -> new Outcome.Sent(notification);
            case ALREADY_SENT -> new Outcome.AlreadySent(notification.id());
        };
    }
}
