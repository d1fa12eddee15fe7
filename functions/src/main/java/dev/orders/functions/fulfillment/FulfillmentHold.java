package dev.orders.functions.fulfillment;

import dev.orders.domain.order.OrderId;
import dev.orders.functions.shared.QueueSender;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The hold queue (FulfillmentHoldQueue): fulfillment records waiting for their order's payment. The body is the
 * record as the warehouse sent it (valid UTF-8 JSON, since it passed the reader); {@code heldSince} says when
 * the wait began, so the bound holds across every retry. {@code send} returns once SQS has stored the message.
 */
public record FulfillmentHold(QueueSender queue) {

    public static final String HELD_SINCE = "heldSince";
    public static final String ORDER_ID = "orderId";

    public void hold(byte[] record, OrderId orderId, Instant since) {
        queue.send(
                new String(record, StandardCharsets.UTF_8),
                Map.of(HELD_SINCE, since.toString(), ORDER_ID, orderId.value()));
    }

    /** When a held message's wait began, if it says so. */
    static Optional<Instant> heldSince(Map<String, String> attributes) {
        try {
            return Optional.ofNullable(attributes.get(HELD_SINCE)).map(Instant::parse);
        } catch (java.time.format.DateTimeParseException malformed) {
            return Optional.empty();
        }
    }
}
