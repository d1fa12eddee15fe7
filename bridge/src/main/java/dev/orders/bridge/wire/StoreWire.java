package dev.orders.bridge.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.domain.advancing.DedupeId;
import dev.orders.domain.order.CustomerId;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.OrderStatus;
import dev.orders.domain.placing.IdempotencyKey;
import dev.orders.domain.placing.IdempotencyRecord;
import dev.orders.domain.placing.IdempotencyScope;
import dev.orders.domain.port.OrderStore;
import dev.orders.functions.shared.OrderJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

        /** {@link OrderStore#findOrders}, each order as stored; an id with no order is absent. */
        Map<OrderId, String> findOrderDocuments(List<OrderId> ids);

        /**
         * {@link OrderStore#apply} on writes as the version rendered them: the runtime's end neither parses the
         * order and event documents nor renders them again (a CPU profile of the stream put that at a tenth of it).
         */
        List<OrderStore.UpdateResult> applyDocuments(List<DocumentWrite> writes);
    }

    /** One write of {@link Documents#applyDocuments}. */
    public sealed interface DocumentWrite {
        /**
         * {@link OrderStore.Write.Update}: the order's id, new version and status beside its document (the columns the
         * store keeps apart), and its event's id and detail-type beside the event's document.
         */
        record Update(
                OrderId orderId,
                long version,
                OrderStatus status,
                String document,
                String eventId,
                String detailType,
                String eventDocument,
                DedupeId dedupeId)
                implements DocumentWrite {}

        /** {@link OrderStore.Write.Mark}. */
        record Mark(DedupeId dedupeId) implements DocumentWrite {}
    }

    public static OrderStore client(Channel channel) {
        return new OrderStore() {
            @Override
            public Optional<Order> findOrder(OrderId id) {
                ObjectNode request = Wire.object().put("orderId", id.value());
                JsonNode response = Wire.read(channel.call("findOrder", Wire.bytes(request)));
                return Optional.ofNullable(Wire.text(response, "order")).map(OrderJson::fromDocument);
            }

            /** One call for all: {@code findOrders}, added in round five (a runtime serves it; older versions never ask). */
            @Override
            public Map<OrderId, Order> findOrders(Collection<OrderId> ids) {
                ObjectNode request = Wire.object();
                ArrayNode asked = request.putArray("orderIds");
                List<OrderId> distinct = ids.stream().distinct().toList();
                distinct.forEach(id -> asked.add(id.value()));
                JsonNode orders = Wire.read(channel.call("findOrders", Wire.bytes(request)))
                        .get("orders");
                Map<OrderId, Order> found = new LinkedHashMap<>();
                for (int i = 0; i < distinct.size(); i++) {
                    JsonNode document = orders.get(i);
                    if (document != null && !document.isNull()) {
                        found.put(distinct.get(i), OrderJson.fromDocument(document.asText()));
                    }
                }
                return found;
            }

            /** One call for all: {@code apply}, added in round five (a runtime serves it; older versions never ask). */
            @Override
            public List<UpdateResult> apply(List<Write> writes) {
                ObjectNode request = Wire.object();
                ArrayNode items = request.putArray("writes");
                for (Write write : writes) {
                    items.add(
                            switch (write) {
                                case Write.Update update -> {
                                    Order order = update.change().order();
                                    ObjectNode item = change(Wire.object(), update.change())
                                            .put("orderId", order.id().value())
                                            .put("version", order.version())
                                            .put("status", order.status().name())
                                            .put(
                                                    "eventId",
                                                    update.change().event().eventId())
                                            .put(
                                                    "detailType",
                                                    update.change().event().detailType());
                                    item.set("dedupe", dedupe(update.dedupeId()));
                                    yield item;
                                }
                                case Write.Mark mark -> {
                                    ObjectNode item = Wire.object();
                                    item.set("dedupe", dedupe(mark.dedupeId()));
                                    yield item;
                                }
                            });
                }
                JsonNode results =
                        Wire.read(channel.call("apply", Wire.bytes(request))).get("results");
                List<UpdateResult> answered = new ArrayList<>(results.size());
                results.forEach(result -> answered.add(UpdateResult.valueOf(result.asText())));
                return answered;
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
            case "findOrders" -> {
                List<OrderId> ids = new ArrayList<>();
                request.get("orderIds").forEach(id -> ids.add(new OrderId(id.asText())));
                ArrayNode orders = response.putArray("orders");
                if (documents != null) {
                    Map<OrderId, String> found = documents.findOrderDocuments(ids);
                    ids.forEach(id -> orders.add(found.get(id)));
                } else {
                    Map<OrderId, Order> found = store.findOrders(ids);
                    ids.forEach(id -> orders.add(found.containsKey(id) ? OrderJson.toDocument(found.get(id)) : null));
                }
            }
            case "apply" -> {
                ArrayNode results = response.putArray("results");
                (documents != null ? documents.applyDocuments(documentWrites(request)) : store.apply(writes(request)))
                        .forEach(result -> results.add(result.name()));
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

    /** An {@code apply} request's writes, parsed into the domain's types (a store without the document path). */
    private static List<OrderStore.Write> writes(JsonNode request) {
        List<OrderStore.Write> writes = new ArrayList<>();
        for (JsonNode item : request.get("writes")) {
            DedupeId dedupe = dedupe(item.get("dedupe"));
            writes.add(
                    item.hasNonNull("order")
                            ? new OrderStore.Write.Update(change(item), dedupe)
                            : new OrderStore.Write.Mark(dedupe));
        }
        return writes;
    }

    /** An {@code apply} request's writes as the version rendered them: nothing parsed beyond the envelope. */
    private static List<DocumentWrite> documentWrites(JsonNode request) {
        List<DocumentWrite> writes = new ArrayList<>();
        for (JsonNode item : request.get("writes")) {
            DedupeId dedupe = dedupe(item.get("dedupe"));
            if (!item.hasNonNull("order")) {
                writes.add(new DocumentWrite.Mark(dedupe));
                continue;
            }
            JsonNode version = item.get("version");
            if (version == null || !version.canConvertToLong()) {
                throw new IllegalArgumentException("an apply write without its order's version");
            }
            writes.add(new DocumentWrite.Update(
                    new OrderId(Wire.text(item, "orderId")),
                    version.asLong(),
                    OrderStatus.valueOf(Wire.text(item, "status")),
                    Wire.text(item, "order"),
                    Wire.text(item, "eventId"),
                    Wire.text(item, "detailType"),
                    Wire.text(item, "event"),
                    dedupe));
        }
        return writes;
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
