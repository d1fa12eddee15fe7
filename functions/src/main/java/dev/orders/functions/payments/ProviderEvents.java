package dev.orders.functions.payments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.domain.money.Money;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.payments.PaymentNotice;
import dev.orders.functions.shared.Json;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads the provider's event: {@code {"id", "type": "payment.succeeded"|"payment.failed", "created",
 * "data": {"orderId", "paymentId", "amount": "25.00", "currency": "EUR"}}}. Unknown fields are
 * ignored (providers add fields without notice); missing or malformed known fields are an error.
 */
public final class ProviderEvents {

    public static final String SUCCEEDED = "payment.succeeded";
    public static final String FAILED = "payment.failed";

    private ProviderEvents() {}

    public sealed interface Read {
        record Notice(PaymentNotice notice) implements Read {}

        record Invalid(String reason) implements Read {}
    }

    /** The event's id, if the body is a JSON object with a usable one: all the intake checks. */
    public static Optional<String> eventId(byte[] body) {
        return tree(body)
                .map(json -> json.path("id"))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText)
                .filter(PaymentNotice::isValidId);
    }

    public static Read read(String body) {
        Optional<JsonNode> parsed = tree(body.getBytes(StandardCharsets.UTF_8));
        if (parsed.isEmpty()) {
            return new Read.Invalid("the event is not a JSON object");
        }
        JsonNode json = parsed.get();
        JsonNode data = json.path("data");
        String id = text(json, "id");
        if (!PaymentNotice.isValidId(id)) {
            return new Read.Invalid("id must be 1-255 printable characters");
        }
        PaymentNotice.Outcome outcome = switch (String.valueOf(text(json, "type"))) {
            case SUCCEEDED -> PaymentNotice.Outcome.SUCCEEDED;
            case FAILED -> PaymentNotice.Outcome.FAILED;
            default -> null;
        };
        if (outcome == null) {
            return new Read.Invalid("type must be " + SUCCEEDED + " or " + FAILED);
        }
        String orderId = text(data, "orderId");
        if (!OrderId.isValid(orderId)) {
            return new Read.Invalid("data.orderId is not an order id");
        }
        String paymentId = text(data, "paymentId");
        if (!PaymentNotice.isValidId(paymentId)) {
            return new Read.Invalid("data.paymentId must be 1-255 printable characters");
        }
        Optional<Money> amount =
                Money.currency(text(data, "currency")).flatMap(c -> Money.parse(text(data, "amount"), c));
        if (amount.isEmpty()) {
            return new Read.Invalid("data.amount must be a decimal string in data.currency (ISO 4217)");
        }
        return new Read.Notice(new PaymentNotice(id, outcome, new OrderId(orderId), paymentId, amount.get()));
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static Optional<JsonNode> tree(byte[] body) {
        try {
            JsonNode json = Json.strict().readTree(body);
            return json != null && json.isObject() ? Optional.of(json) : Optional.empty();
        } catch (java.io.IOException | IllegalArgumentException notJson) {
            return Optional.empty();
        }
    }
}
