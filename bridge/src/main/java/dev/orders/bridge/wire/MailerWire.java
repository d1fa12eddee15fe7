package dev.orders.bridge.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.domain.notifying.Notification;
import dev.orders.domain.order.CustomerId;
import dev.orders.domain.order.EmailAddress;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.port.Mailer;

/** The mailer's wire protocol (SES {@code SendEmail}), both ends. */
public final class MailerWire {

    public static final String KIND = "mailer";

    private MailerWire() {}

    public static Mailer client(Channel channel) {
        return notification -> {
            ObjectNode request = Wire.object()
                    .put("id", notification.id())
                    .put("recipient", notification.recipient().value())
                    .put("address", notification.address().value())
                    .put("orderId", notification.orderId().value())
                    .put("eventType", notification.eventType())
                    .put("subject", notification.subject())
                    .put("text", notification.text());
            JsonNode response = Wire.read(channel.call("send", Wire.bytes(request)));
            return switch (Wire.text(response, "delivery")) {
                case "Sent" -> new Mailer.Delivery.Sent();
                case "AlreadySent" -> new Mailer.Delivery.AlreadySent();
                case "Refused" -> new Mailer.Delivery.Refused(Wire.text(response, "reason"));
                default -> throw new IllegalStateException("unknown delivery " + Wire.text(response, "delivery"));
            };
        };
    }

    public static byte[] serve(Mailer mailer, String operation, byte[] bytes) {
        if (!operation.equals("send")) {
            throw Wire.unknown(KIND, operation);
        }
        JsonNode r = Wire.read(bytes);
        Mailer.Delivery delivery = mailer.send(new Notification(
                Wire.text(r, "id"),
                new CustomerId(Wire.text(r, "recipient")),
                new EmailAddress(Wire.text(r, "address")),
                new OrderId(Wire.text(r, "orderId")),
                Wire.text(r, "eventType"),
                Wire.text(r, "subject"),
                Wire.text(r, "text")));
        ObjectNode response = Wire.object();
        switch (delivery) {
            case Mailer.Delivery.Sent sent -> response.put("delivery", "Sent");
            case Mailer.Delivery.AlreadySent again -> response.put("delivery", "AlreadySent");
            case Mailer.Delivery.Refused refused ->
                response.put("delivery", "Refused").put("reason", refused.reason());
        }
        return Wire.bytes(response);
    }
}
