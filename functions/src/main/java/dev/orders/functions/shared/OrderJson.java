package dev.orders.functions.shared;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.domain.money.Money;
import dev.orders.domain.order.CustomerId;
import dev.orders.domain.order.Dimensions;
import dev.orders.domain.order.EmailAddress;
import dev.orders.domain.order.LineItem;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderEvent;
import dev.orders.domain.order.OrderEventType;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.OrderStatus;
import dev.orders.domain.order.Receipt;
import dev.orders.domain.order.ReceiptStatus;
import dev.orders.domain.order.StatusChange;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * The JSON forms of orders and events: the API's view, the stored document (the same shape plus the
 * version) and the bus event's detail. One mapping, used by every adapter.
 */
public final class OrderJson {

    private OrderJson() {}

    /**
     * What {@code GET /orders/{id}} answers (without the version) and the base of the stored document. Never the
     * contact address: that is personal data, kept in the stored document only.
     */
    public static ObjectNode toJson(Order order) {
        ObjectNode json = Json.internal().createObjectNode();
        json.put("orderId", order.id().value());
        json.put("customerId", order.customerId().value());
        json.put("status", order.status().name());
        json.set("total", money(order.total()));
        ArrayNode items = json.putArray("items");
        for (LineItem item : order.items()) {
            ObjectNode line = items.addObject();
            line.put("sku", item.sku());
            line.put("quantity", item.quantity());
            line.set("unitPrice", money(item.unitPrice()));
        }
        ArrayNode history = json.putArray("history");
        for (StatusChange change : order.history()) {
            ObjectNode step = history.addObject();
            step.put("status", change.status().name());
            step.put("at", change.at().toString());
            step.put("causeId", change.causeId());
        }
        ArrayNode receipts = json.putArray("receipts");
        order.receipts().forEach(receipt -> receipts.add(receipt(receipt)));
        json.put("version", order.version());
        return json;
    }

    /** What the store keeps: the API's view, the version and the contact address. */
    public static String toDocument(Order order) {
        ObjectNode document = toJson(order);
        order.contact().ifPresent(address -> document.put("contact", address.value()));
        return document.toString();
    }

    public static Order fromDocument(String document) {
        JsonNode json = read(document);
        List<LineItem> items = new ArrayList<>();
        for (JsonNode line : json.get("items")) {
            items.add(
                    new LineItem(line.get("sku").asText(), line.get("quantity").asInt(), money(line.get("unitPrice"))));
        }
        List<StatusChange> history = new ArrayList<>();
        for (JsonNode step : json.get("history")) {
            history.add(new StatusChange(
                    OrderStatus.valueOf(step.get("status").asText()),
                    Instant.parse(step.get("at").asText()),
                    textOrNull(step.get("causeId"))));
        }
        List<Receipt> receipts = new ArrayList<>();
        JsonNode stored = json.get("receipts");
        if (stored != null) {
            stored.forEach(receipt -> receipts.add(receipt(receipt)));
        }
        return new Order(
                new OrderId(json.get("orderId").asText()),
                new CustomerId(json.get("customerId").asText()),
                items,
                money(json.get("total")),
                OrderStatus.valueOf(json.get("status").asText()),
                history,
                json.get("version").asLong(),
                Optional.ofNullable(textOrNull(json.get("contact"))).map(EmailAddress::new),
                receipts);
    }

    /**
     * A receipt as the order keeps it and the API shows it: id, status, size, dimensions, SHA-256 (hex), the rejection
     * reason, the object version it was made from (key, ETag) and its thumbnail's key.
     */
    public static ObjectNode receipt(Receipt receipt) {
        ObjectNode json = Json.internal().createObjectNode();
        json.put("receiptId", receipt.receiptId());
        json.put("status", receipt.status().name());
        json.put("size", receipt.size());
        receipt.dimensions()
                .ifPresent(d ->
                        json.putObject("dimensions").put("width", d.width()).put("height", d.height()));
        receipt.sha256().ifPresent(sha -> json.put("sha256", sha));
        receipt.rejection().ifPresent(reason -> json.put("rejection", reason));
        json.put("objectKey", receipt.objectKey());
        json.put("etag", receipt.etag());
        receipt.thumbnailKey().ifPresent(key -> json.put("thumbnailKey", key));
        json.put("at", receipt.at().toString());
        return json;
    }

    private static Receipt receipt(JsonNode json) {
        JsonNode dimensions = json.get("dimensions");
        return new Receipt(
                json.get("receiptId").asText(),
                json.get("objectKey").asText(),
                json.get("etag").asText(),
                ReceiptStatus.valueOf(json.get("status").asText()),
                json.get("size").asLong(),
                dimensions == null
                        ? Optional.empty()
                        : Optional.of(new Dimensions(
                                dimensions.get("width").asInt(),
                                dimensions.get("height").asInt())),
                Optional.ofNullable(textOrNull(json.get("sha256"))),
                Optional.ofNullable(textOrNull(json.get("thumbnailKey"))),
                Optional.ofNullable(textOrNull(json.get("rejection"))),
                Instant.parse(json.get("at").asText()));
    }

    /** The bus event's {@code detail}: what every consumer may rely on. */
    public static ObjectNode detail(OrderEvent event) {
        ObjectNode detail = Json.internal().createObjectNode();
        detail.put("eventId", event.eventId());
        detail.put("orderId", event.orderId().value());
        detail.put("customerId", event.customerId().value());
        detail.put("status", event.status().name());
        detail.put("occurredAt", event.occurredAt().toString());
        detail.put("causeId", event.causeId());
        detail.set("total", money(event.total()));
        event.receipt().ifPresent(receipt -> detail.set("receipt", receipt(receipt)));
        return detail;
    }

    public static String eventDocument(OrderEvent event) {
        ObjectNode json = detail(event);
        json.put("detailType", event.detailType());
        return json.toString();
    }

    public static OrderEvent eventFromDocument(String document) {
        JsonNode json = read(document);
        String detailType = json.get("detailType").asText();
        OrderEventType type = List.of(OrderEventType.values()).stream()
                .filter(t -> t.detailType().equals(detailType))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown detail-type " + detailType));
        JsonNode receipt = json.get("receipt");
        return new OrderEvent(
                json.get("eventId").asText(),
                type,
                new OrderId(json.get("orderId").asText()),
                new CustomerId(json.get("customerId").asText()),
                OrderStatus.valueOf(json.get("status").asText()),
                Instant.parse(json.get("occurredAt").asText()),
                textOrNull(json.get("causeId")),
                money(json.get("total")),
                receipt == null ? Optional.empty() : Optional.of(receipt(receipt)));
    }

    private static ObjectNode money(Money money) {
        ObjectNode json = Json.internal().createObjectNode();
        json.put("amount", money.amountText());
        json.put("currency", money.currency().getCurrencyCode());
        return json;
    }

    private static Money money(JsonNode json) {
        return new Money(
                new BigDecimal(json.get("amount").asText()),
                Currency.getInstance(json.get("currency").asText()));
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static JsonNode read(String document) {
        try {
            return Json.internal().readTree(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stored document is not JSON", e);
        }
    }
}
