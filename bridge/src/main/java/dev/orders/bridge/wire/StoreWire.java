package dev.orders.bridge.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.domain.advancing.DedupeId;
import dev.orders.domain.order.CustomerId;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.placing.IdempotencyKey;
import dev.orders.domain.placing.IdempotencyRecord;
import dev.orders.domain.placing.IdempotencyScope;
import dev.orders.domain.port.OrderStore;
import dev.orders.functions.shared.OrderJson;
import java.time.Instant;
import java.util.Optional;

/**
 * The order store's wire protocol, both ends: {@link #client} is the {@link OrderStore} a version's handler gets,
 * {@link #serve} answers it with the runtime's store. Orders and events travel in their stored forms
 * ({@link OrderJson}), as they would in DynamoDB items: the format, not the classes, is what versions share.
 */
public final class StoreWire {

    public static final String KIND = "orderStore";

    private StoreWire() {}

    /**
     * A runtime store that reads and writes orders in their stored form ({@link OrderJson}'s document): the runtime's
     * end then hands out the stored document as it is and stores the document the version rendered, instead of
     * parsing and rendering each order once more on its side (the version parses and renders it anyway). As with
     * DynamoDB, the item a version writes is the item others read.
     */
    public interface Documents {

        Optional<String> findOrderDocument(OrderId id);

        /** {@link OrderStore#place}, storing {@code document}, the rendering of {@code accepted.order()}. */
        OrderStore.PlaceResult place(IdempotencyRecord record, Order.Change accepted, String document);

        /** {@link OrderStore#update}, storing {@code document}, the rendering of {@code change.order()}. */
        OrderStore.UpdateResult update(Order.Change change, String document, Optional<DedupeId> dedupeId);
    }

    public static OrderStore client(Channel channel) {
        return new OrderStore() {
            @Override
            public Optional<Order> findOrder(OrderId id) {
                ObjectNode request = Wire.object().put("orderId", id.value());
                JsonNode response = Wire.read(channel.call("findOrder", Wire.bytes(request)));
                return Optional.ofNullable(Wire.text(response, "order")).map(OrderJson::fromDocument);
            }

            @Override
            public Optional<IdempotencyRecord> findIdempotency(IdempotencyScope scope, Instant now) {
                ObjectNode request = scope(Wire.object(), scope).put("now", now.toString());
                JsonNode response = Wire.read(channel.call("findIdempotency", Wire.bytes(request)));
                JsonNode record = response.get("record");
                return record == null || record.isNull() ? Optional.empty() : Optional.of(record(record));
            }

            @Override
            public PlaceResult place(IdempotencyRecord record, Order.Change accepted) {
                ObjectNode request = change(Wire.object(), accepted);
                request.set("record", record(record));
                return PlaceResult.valueOf(Wire.text(Wire.read(channel.call("place", Wire.bytes(request))), "result"));
            }

            @Override
            public UpdateResult update(Order.Change change, Optional<DedupeId> dedupeId) {
                ObjectNode request = change(Wire.object(), change);
                dedupeId.ifPresent(id -> request.set("dedupe", dedupe(id)));
                return UpdateResult.valueOf(
                        Wire.text(Wire.read(channel.call("update", Wire.bytes(request))), "result"));
            }

            @Override
            public UpdateResult markProcessed(DedupeId dedupeId) {
                ObjectNode request = Wire.object();
                request.set("dedupe", dedupe(dedupeId));
                return UpdateResult.valueOf(
                        Wire.text(Wire.read(channel.call("markProcessed", Wire.bytes(request))), "result"));
            }

            @Override
            public UpdateResult amend(Order order, DedupeId dedupeId) {
                ObjectNode request = Wire.object().put("order", OrderJson.toDocument(order));
                request.set("dedupe", dedupe(dedupeId));
                return UpdateResult.valueOf(Wire.text(Wire.read(channel.call("amend", Wire.bytes(request))), "result"));
            }
        };
    }

    public static byte[] serve(OrderStore store, String operation, byte[] bytes) {
        JsonNode request = Wire.read(bytes);
        ObjectNode response = Wire.object();
        Documents documents = store instanceof Documents d ? d : null;
        switch (operation) {
            case "findOrder" -> {
                OrderId id = new OrderId(Wire.text(request, "orderId"));
                response.put(
                        "order",
                        documents != null
                                ? documents.findOrderDocument(id).orElse(null)
                                : store.findOrder(id).map(OrderJson::toDocument).orElse(null));
            }
            case "findIdempotency" ->
                response.set(
                        "record",
                        store.findIdempotency(scope(request), Instant.parse(Wire.text(request, "now")))
                                .<JsonNode>map(StoreWire::record)
                                .orElse(null));
            case "place" -> {
                IdempotencyRecord record = record(request.get("record"));
                Order.Change change = change(request);
                response.put(
                        "result",
                        (documents != null
                                        ? documents.place(record, change, Wire.text(request, "order"))
                                        : store.place(record, change))
                                .name());
            }
            case "update" -> {
                Order.Change change = change(request);
                Optional<DedupeId> dedupe =
                        Optional.ofNullable(request.get("dedupe")).map(StoreWire::dedupe);
                response.put(
                        "result",
                        (documents != null
                                        ? documents.update(change, Wire.text(request, "order"), dedupe)
                                        : store.update(change, dedupe))
                                .name());
            }
            case "markProcessed" ->
                response.put(
                        "result",
                        store.markProcessed(dedupe(request.get("dedupe"))).name());
            case "amend" ->
                response.put(
                        "result",
                        store.amend(OrderJson.fromDocument(Wire.text(request, "order")), dedupe(request.get("dedupe")))
                                .name());
            default -> throw Wire.unknown(KIND, operation);
        }
        return Wire.bytes(response);
    }

    private static ObjectNode scope(ObjectNode json, IdempotencyScope scope) {
        return json.put("caller", scope.caller().value()).put("key", scope.key().value());
    }

    private static IdempotencyScope scope(JsonNode json) {
        return new IdempotencyScope(
                new CustomerId(Wire.text(json, "caller")), new IdempotencyKey(Wire.text(json, "key")));
    }

    private static ObjectNode record(IdempotencyRecord record) {
        return scope(Wire.object(), record.scope())
                .put("fingerprint", record.fingerprint())
                .put("orderId", record.orderId().value())
                .put("createdAt", record.createdAt().toString())
                .put("expiresAt", record.expiresAt().toString());
    }

    private static IdempotencyRecord record(JsonNode json) {
        return new IdempotencyRecord(
                scope(json),
                Wire.text(json, "fingerprint"),
                new OrderId(Wire.text(json, "orderId")),
                Instant.parse(Wire.text(json, "createdAt")),
                Instant.parse(Wire.text(json, "expiresAt")));
    }

    private static ObjectNode change(ObjectNode json, Order.Change change) {
        return json.put("order", OrderJson.toDocument(change.order()))
                .put("event", OrderJson.eventDocument(change.event()));
    }

    private static Order.Change change(JsonNode json) {
        return new Order.Change(
                OrderJson.fromDocument(Wire.text(json, "order")),
                OrderJson.eventFromDocument(Wire.text(json, "event")));
    }

    private static ObjectNode dedupe(DedupeId id) {
        return Wire.object().put("source", id.source().name()).put("messageId", id.messageId());
    }

    private static DedupeId dedupe(JsonNode json) {
        return new DedupeId(DedupeId.Source.valueOf(Wire.text(json, "source")), Wire.text(json, "messageId"));
    }
}
