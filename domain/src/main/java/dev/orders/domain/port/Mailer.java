package dev.orders.domain.port;

import dev.orders.domain.notifying.Notification;

/**
 * Sends messages to customers. Idempotent per notification id: a second send of the same id sends
 * nothing and answers {@link Delivery#ALREADY_SENT}. Throws when the provider cannot take the message
 * now (the caller retries).
 */
public interface Mailer {

    Delivery send(Notification notification);

    enum Delivery {
        SENT,
        ALREADY_SENT
    }
}
