package dev.orders.functions.aws;

import static dev.orders.functions.aws.OrdersTable.KIND;
import static dev.orders.functions.aws.OrdersTable.PARTITION_KEY;
import static dev.orders.functions.aws.OrdersTable.TTL_ATTRIBUTE;

import dev.orders.domain.advancing.DedupeId;
import dev.orders.domain.order.CustomerId;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderEvent;
import dev.orders.domain.order.OrderEventType;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.placing.IdempotencyKey;
import dev.orders.domain.placing.IdempotencyRecord;
import dev.orders.domain.placing.IdempotencyScope;
import dev.orders.functions.shared.OrderJson;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** How each kind of item is laid out in the orders table: keys, attributes, expiry. */
final class OrdersTableItems {

    /** Outbox items only need to outlive the stream's 24 h retention; a week leaves room to look at them. */
    static final Duration OUTBOX_RETENTION = Duration.ofDays(7);
    /** Longer than any redelivery: SQS keeps messages 14 days at most, our Kinesis stream 1 day. */
    static final Duration DEDUPE_RETENTION = Duration.ofDays(30);

    private OrdersTableItems() {}

    static Map<String, AttributeValue> orderKey(OrderId id) {
        return Map.of(PARTITION_KEY, s("ORDER#" + id.value()));
    }

    /** The caller's length prefixes the key, so no choice of characters in either can collide with another scope. */
    static Map<String, AttributeValue> idempotencyKey(IdempotencyScope scope) {
        String caller = scope.caller().value();
        return Map.of(
                PARTITION_KEY,
                s("IDEM#" + caller.length() + ":" + caller + "#" + scope.key().value()));
    }

    static Map<String, AttributeValue> dedupeKey(DedupeId dedupeId) {
        return Map.of(PARTITION_KEY, s("DEDUPE#" + dedupeId.value()));
    }

    static Map<String, AttributeValue> order(Order order) {
        return Map.of(
                PARTITION_KEY,
                orderKey(order.id()).get(PARTITION_KEY),
                KIND,
                s(OrdersTable.KIND_ORDER),
                "version",
                n(order.version()),
                "status",
                s(order.status().name()),
                "order",
                s(OrderJson.toDocument(order)));
    }

    static Order order(Map<String, AttributeValue> item) {
        return OrderJson.fromDocument(item.get("order").s());
    }

    static Map<String, AttributeValue> idempotency(IdempotencyRecord record) {
        return Map.of(
                PARTITION_KEY,
                idempotencyKey(record.scope()).get(PARTITION_KEY),
                KIND,
                s(OrdersTable.KIND_IDEMPOTENCY),
                "caller",
                s(record.scope().caller().value()),
                "key",
                s(record.scope().key().value()),
                "fingerprint",
                s(record.fingerprint()),
                "orderId",
                s(record.orderId().value()),
                "createdAt",
                s(record.createdAt().toString()),
                "expiresAt",
                instant(record.expiresAt()),
                TTL_ATTRIBUTE,
                ttl(record.expiresAt()));
    }

    static IdempotencyRecord idempotency(Map<String, AttributeValue> item) {
        return new IdempotencyRecord(
                new IdempotencyScope(
                        new CustomerId(item.get("caller").s()),
                        new IdempotencyKey(item.get("key").s())),
                item.get("fingerprint").s(),
                new OrderId(item.get("orderId").s()),
                Instant.parse(item.get("createdAt").s()),
                instant(item.get("expiresAt")));
    }

    static Map<String, AttributeValue> outbox(OrderEvent event) {
        return Map.of(
                PARTITION_KEY,
                s("OUTBOX#" + event.eventId()),
                KIND,
                s(OrdersTable.KIND_OUTBOX),
                OrdersTable.OUTBOX_EVENT_ID,
                s(event.eventId()),
                "source",
                s(OrderEventType.SOURCE),
                OrdersTable.OUTBOX_DETAIL_TYPE,
                s(event.detailType()),
                OrdersTable.OUTBOX_OCCURRED_AT,
                s(event.occurredAt().toString()),
                OrdersTable.OUTBOX_DETAIL,
                s(OrderJson.detail(event).toString()),
                TTL_ATTRIBUTE,
                ttl(event.occurredAt().plus(OUTBOX_RETENTION)));
    }

    static Map<String, AttributeValue> dedupe(DedupeId dedupeId, Instant at) {
        return Map.of(
                PARTITION_KEY,
                dedupeKey(dedupeId).get(PARTITION_KEY),
                KIND,
                s(OrdersTable.KIND_DEDUPE),
                "processedAt",
                s(at.toString()),
                TTL_ATTRIBUTE,
                ttl(at.plus(DEDUPE_RETENTION)));
    }

    /** Exact to the nanosecond, as a number, so that a condition can compare it with {@code :now}. */
    static AttributeValue instant(Instant at) {
        return AttributeValue.fromN(BigDecimal.valueOf(at.getEpochSecond())
                .add(BigDecimal.valueOf(at.getNano(), 9))
                .toPlainString());
    }

    static Instant instant(AttributeValue value) {
        BigDecimal seconds = new BigDecimal(value.n());
        long whole = seconds.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
        return Instant.ofEpochSecond(
                whole,
                seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValueExact());
    }

    /** TTL wants whole epoch seconds; rounding up never deletes an item before its time. */
    private static AttributeValue ttl(Instant at) {
        return n(at.getNano() == 0 ? at.getEpochSecond() : at.getEpochSecond() + 1);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
