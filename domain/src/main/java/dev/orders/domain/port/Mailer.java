package dev.orders.domain.port;

import dev.orders.domain.notifying.Notification;

/**
 * Sends messages to customers. Idempotent per notification id: a second send of the same id sends nothing
 * and answers {@link Delivery.AlreadySent}. A message the provider will never take (a rejected address or
 * content) is {@link Delivery.Refused} with the provider's reason; when the provider cannot take it now
 * (throttled, unreachable) {@code send} throws and the caller retries.
 */
public interface Mailer {

    Delivery send(Notification notification);

    sealed interface Delivery {
        record Sent() implements Delivery {}

        record AlreadySent() implements Delivery {}

        record Refused(String reason) implements Delivery {}
    }
}
