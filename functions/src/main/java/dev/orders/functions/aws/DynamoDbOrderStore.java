package dev.orders.functions.aws;

import static dev.orders.functions.aws.OrdersTable.PARTITION_KEY;

import dev.orders.domain.advancing.DedupeId;
import dev.orders.domain.money.Money;
import dev.orders.domain.order.CustomerId;
import dev.orders.domain.order.LineItem;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.placing.IdempotencyRecord;
import dev.orders.domain.placing.IdempotencyScope;
import dev.orders.domain.port.OrderStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The order store on DynamoDB. Every write is one TransactWriteItems: the state change, its outbox item
 * (which the table's stream carries to the bus) and the idempotency or dedupe item succeed or fail together,
 * and a cancelled transaction's reasons say which condition failed.
 */
public final class DynamoDbOrderStore implements OrderStore {

    private static final String ABSENT = "attribute_not_exists(" + PARTITION_KEY + ")";
    /** A record whose expiry has passed no longer holds the key, even before TTL has deleted it. */
    private static final String KEY_FREE = ABSENT + " OR expiresAt <= :now";

    private static final String AT_VERSION = "attribute_exists(" + PARTITION_KEY + ") AND version = :expected";
    private static final int CONFLICT_ATTEMPTS = 4;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoDbOrderStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Optional<Order> findOrder(OrderId id) {
        return get(OrdersTableItems.orderKey(id)).map(OrdersTableItems::order);
    }

    @Override
    public Optional<IdempotencyRecord> findIdempotency(IdempotencyScope scope, Instant now) {
        return get(OrdersTableItems.idempotencyKey(scope))
                .map(OrdersTableItems::idempotency)
                .filter(r -> r.isLiveAt(now));
    }

    @Override
    public PlaceResult place(IdempotencyRecord record, Order.Change accepted) {
        List<TransactWriteItem> items = List.of(
                put(
                        OrdersTableItems.idempotency(record),
                        KEY_FREE,
                        Map.of(":now", OrdersTableItems.instant(record.createdAt()))),
                put(OrdersTableItems.order(accepted.order()), ABSENT, Map.of()),
                put(OrdersTableItems.outbox(accepted.event()), ABSENT, Map.of()));
        return write(items, PlaceResult.PLACED, failed -> {
            if (failed.test(0)) {
                return PlaceResult.KEY_TAKEN;
            }
            if (failed.test(1)) {
                return PlaceResult.ORDER_ID_TAKEN;
            }
            return null;
        });
    }

    @Override
    public UpdateResult update(Order.Change change, Optional<DedupeId> dedupeId) {
        List<TransactWriteItem> items = new ArrayList<>();
        // The dedupe item goes first: a replayed message fails both conditions and must read as DUPLICATE.
        dedupeId.ifPresent(
                id -> items.add(put(OrdersTableItems.dedupe(id, change.event().occurredAt()), ABSENT, Map.of())));
        int order = items.size();
        items.add(put(
                OrdersTableItems.order(change.order()),
                AT_VERSION,
                Map.of(
                        ":expected",
                        AttributeValue.fromN(Long.toString(change.order().version() - 1)))));
        items.add(put(OrdersTableItems.outbox(change.event()), ABSENT, Map.of()));
        return write(items, UpdateResult.UPDATED, failed -> {
            if (dedupeId.isPresent() && failed.test(0)) {
                return UpdateResult.DUPLICATE;
            }
            if (failed.test(order)) {
                return UpdateResult.VERSION_CONFLICT;
            }
            return null;
        });
    }

    @Override
    public UpdateResult amend(Order amended, DedupeId dedupeId) {
        // The dedupe item first, as in update: a replayed message fails both conditions and must read as DUPLICATE.
        List<TransactWriteItem> items = List.of(
                put(OrdersTableItems.dedupe(dedupeId, clock.instant()), ABSENT, Map.of()),
                put(
                        OrdersTableItems.order(amended),
                        AT_VERSION,
                        Map.of(":expected", AttributeValue.fromN(Long.toString(amended.version() - 1)))));
        return write(items, UpdateResult.UPDATED, failed -> {
            if (failed.test(0)) {
                return UpdateResult.DUPLICATE;
            }
            if (failed.test(1)) {
                return UpdateResult.VERSION_CONFLICT;
            }
            return null;
        });
    }

    @Override
    public UpdateResult markProcessed(DedupeId dedupeId) {
        try {
            dynamo.putItem(PutItemRequest.builder()
                    .tableName(table)
                    .item(OrdersTableItems.dedupe(dedupeId, clock.instant()))
                    .conditionExpression(ABSENT)
                    .build());
            return UpdateResult.UPDATED;
        } catch (ConditionalCheckFailedException duplicate) {
            return UpdateResult.DUPLICATE;
        }
    }

    /** SnapStart priming: a consistent read of an id no order has, and the order's JSON mapping both ways. */
    void prime() {
        findOrder(new OrderId("snapstart-priming"));
        Order sample = Order.accept(
                        new OrderId("snapstart-priming"),
                        new CustomerId("priming"),
                        List.of(new LineItem("SKU", 1, new Money(BigDecimal.ONE, Currency.getInstance("EUR")))),
                        "priming",
                        clock.instant())
                .order();
        OrdersTableItems.order(OrdersTableItems.order(sample));
    }

    private Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder()
                        .tableName(table)
                        .key(key)
                        .consistentRead(true)
                        .build())
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private TransactWriteItem put(
            Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values) {
        Put.Builder put = Put.builder().tableName(table).item(item).conditionExpression(condition);
        if (!values.isEmpty()) {
            put.expressionAttributeValues(values);
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    /** Which items' conditions failed, by their index in the transaction. */
    @FunctionalInterface
    private interface FailedConditions {
        boolean test(int index);
    }

    /**
     * Writes the transaction. A concurrent transaction on the same items cancels ours with TransactionConflict
     * and no condition verdict: try again (bounded), and the next attempt sees the winner's write.
     */
    private <R> R write(List<TransactWriteItem> items, R success, Function<FailedConditions, R> onCancelled) {
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(r -> r.transactItems(items));
                return success;
            } catch (TransactionCanceledException cancelled) {
                List<CancellationReason> reasons =
                        cancelled.hasCancellationReasons() ? cancelled.cancellationReasons() : List.of();
                R result = onCancelled.apply(i -> i < reasons.size()
                        && "ConditionalCheckFailed".equals(reasons.get(i).code()));
                if (result != null) {
                    return result;
                }
                boolean conflict = reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
                if (!conflict || attempt == CONFLICT_ATTEMPTS) {
                    throw cancelled;
                }
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(10L * attempt + (long) (Math.random() * 10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a conflicting transaction", e);
        }
    }
}
