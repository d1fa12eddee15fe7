package dev.orders.functions.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.domain.money.Money;
import dev.orders.domain.order.CustomerId;
import dev.orders.domain.order.LineItem;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderEvent;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.OrderStatus;
import dev.orders.domain.order.StatusChange;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * The order's stored JSON form and the bus event's detail, kept in this one class so a shared codec can
 * replace it. Money is a decimal string with its currency; instants are ISO-8601 (nanoseconds kept), so a
 * stored order reads back equal to the one written.
 */
public final class OrderJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OrderJson() {
    }

    public static String write(Order order) {
        ObjectNode node = MAPPER.createObjectNode()
                .put("orderId", order.id().value())
                .put("customerId", order.customerId().value())
                .put("status", order.status().name())
                .put("version", order.version());
        ArrayNode items = node.putArray("items");
        order.items().forEach(item -> {
            ObjectNode line = items.addObject().put("sku", item.sku()).put("quantity", item.quantity());
            line.set("unitPrice", money(item.unitPrice()));
        });
        node.set("total", money(order.total()));
        ArrayNode history = node.putArray("history");
        order.history().forEach(step -> history.addObject()
                .put("status", step.status().name()).put("at", step.at().toString()).put("causeId", step.causeId()));
        return text(node);
    }

    public static Order read(String json) {
        JsonNode node = tree(json);
        List<LineItem> items = new ArrayList<>();
        node.path("items").forEach(line -> items.add(
                new LineItem(line.path("sku").asText(), line.path("quantity").asInt(), money(line.path("unitPrice")))));
        List<StatusChange> history = new ArrayList<>();
        node.path("history").forEach(step -> history.add(new StatusChange(OrderStatus.valueOf(step.path("status").asText()),
                Instant.parse(step.path("at").asText()), step.path("causeId").isNull() ? null : step.path("causeId").asText())));
        return new Order(new OrderId(node.path("orderId").asText()), new CustomerId(node.path("customerId").asText()),
                items, money(node.path("total")), OrderStatus.valueOf(node.path("status").asText()), history,
                node.path("version").asLong());
    }

    /** The EventBridge detail (SPEC "Events on the bus"): orderId, customerId, status, occurredAt, the cause, the total. */
    public static String detail(OrderEvent event) {
        ObjectNode node = MAPPER.createObjectNode()
                .put("eventId", event.eventId())
                .put("orderId", event.orderId().value())
                .put("customerId", event.customerId().value())
                .put("status", event.status().name())
                .put("occurredAt", event.occurredAt().toString())
                .put("causeId", event.causeId());
        node.set("total", money(event.total()));
        return text(node);
    }

    private static ObjectNode money(Money money) {
        return MAPPER.createObjectNode().put("amount", money.amountText()).put("currency", money.currency().getCurrencyCode());
    }

    private static Money money(JsonNode node) {
        return new Money(new BigDecimal(node.path("amount").asText()), Currency.getInstance(node.path("currency").asText()));
    }

    private static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", impossible);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored order is not JSON", e);
        }
    }
}
