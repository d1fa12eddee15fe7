package dev.orders.functions.notifications;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.domain.order.OrderEvent;
import dev.orders.functions.shared.Json;
import dev.orders.functions.shared.OrderJson;

/** An EventBridge event as an SQS target receives it: the envelope, with our detail inside. */
final class BusEnvelope {

    private BusEnvelope() {}

    /** The order event; throws {@link IllegalArgumentException} when the body is not one. */
    static OrderEvent orderEvent(String body) {
        try {
            JsonNode envelope = Json.strict().readTree(body);
            if (envelope == null
                    || !(envelope.path("detail") instanceof ObjectNode detail)
                    || !envelope.path("detail-type").isTextual()) {
                throw new IllegalArgumentException("not an EventBridge event with a detail");
            }
            ObjectNode document = detail.deepCopy();
            document.put("detailType", envelope.get("detail-type").asText());
            return OrderJson.eventFromDocument(document.toString());
        } catch (JacksonException notJson) {
            throw new IllegalArgumentException("the message is not JSON", notJson);
        } catch (NullPointerException | java.time.DateTimeException missing) {
            throw new IllegalArgumentException("the event lacks a field an order event has", missing);
        }
    }
}
