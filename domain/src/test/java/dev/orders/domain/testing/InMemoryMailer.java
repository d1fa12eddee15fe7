package dev.orders.domain.testing;

import dev.orders.domain.notifying.Notification;
import dev.orders.domain.port.Mailer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A mailer that keeps what it sends; idempotent per notification id, as the port requires. */
public class InMemoryMailer implements Mailer {

    private final Map<String, Notification> sent = new LinkedHashMap<>();

    @Override
    public synchronized Delivery send(Notification notification) {
        return sent.putIfAbsent(notification.id(), notification) == null
                ? new Delivery.Sent()
                : new Delivery.AlreadySent();
    }

    public synchronized List<Notification> sent() {
        return new ArrayList<>(sent.values());
    }
}
