package dev.orders.local.bus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.domain.order.OrderEvent;
import dev.orders.domain.order.OrderEventType;
import dev.orders.functions.shared.Json;
import dev.orders.functions.shared.OrderJson;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** An event in EventBridge's envelope: what rules match on and what targets receive. */
public record BusEvent(String id, String source, String detailType, Instant time, JsonNode detail) {

    public static final String ACCOUNT = "000000000000";
    public static final String REGION = "local";

    public static BusEvent from(OrderEvent event) {
        return new BusEvent(
                event.eventId(),
                OrderEventType.SOURCE,
                event.detailType(),
                event.occurredAt().truncatedTo(ChronoUnit.SECONDS),
                OrderJson.detail(event));
    }

    /** The envelope as EventBridge delivers it to targets (time at second precision, as EventBridge writes it). */
    public ObjectNode envelope() {
        ObjectNode json = Json.internal().createObjectNode();
        json.put("version", "0");
        json.put("id", id);
        json.put("detail-type", detailType);
        json.put("source", source);
        json.put("account", ACCOUNT);
        json.put("time", time.toString());
        json.put("region", REGION);
        json.putArray("resources");
        json.set("detail", detail);
        return json;
    }

    /** An envelope this bus wrote back into an event. */
    public static BusEvent fromEnvelope(String envelope) {
        try {
            JsonNode json = Json.internal().readTree(envelope);
            return new BusEvent(
                    json.get("id").asText(),
                    json.get("source").asText(),
                    json.get("detail-type").asText(),
                    Instant.parse(json.get("time").asText()),
                    json.get("detail"));
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("archived event is not JSON", corrupt);
        }
    }
}
