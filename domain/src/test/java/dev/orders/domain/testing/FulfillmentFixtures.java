package dev.orders.domain.testing;

import dev.orders.domain.advancing.DedupeId;
import dev.orders.domain.fulfillment.FulfillmentDraft;
import dev.orders.domain.money.Money;
import dev.orders.domain.order.CustomerId;
import dev.orders.domain.order.LineItem;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.OrderStatus;
import dev.orders.domain.placing.IdempotencyKey;
import dev.orders.domain.placing.IdempotencyRecord;
import dev.orders.domain.placing.IdempotencyScope;
import dev.orders.domain.port.OrderStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/** Orders and fulfillment records for the fulfillment path's tests (domain, handler and local runtime). */
public final class FulfillmentFixtures {

    public static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

    private FulfillmentFixtures() {}

    /** Places an order for alice directly through the store and moves it to PAID, as the payment path would. */
    public static Order placePaidOrder(OrderStore store, String orderId) {
        Order accepted = placeAcceptedOrder(store, orderId);
        Order.Change paid = (Order.Change) accepted.advance(OrderStatus.PAID, "pay-" + orderId, T0);
        if (store.update(paid, Optional.of(DedupeId.payment("pay-" + orderId))) != OrderStore.UpdateResult.UPDATED) {
            throw new IllegalStateException("could not pay " + orderId);
        }
        return paid.order();
    }

    public static Order placeAcceptedOrder(OrderStore store, String orderId) {
        OrderId id = new OrderId(orderId);
        CustomerId alice = new CustomerId("alice");
        Order.Change accepted = Order.accept(
                id,
                alice,
                List.of(new LineItem("SKU-1", 2, new Money(new BigDecimal("12.50"), Currency.getInstance("EUR")))),
                "key-" + orderId,
                T0);
        IdempotencyRecord record = new IdempotencyRecord(
                new IdempotencyScope(alice, new IdempotencyKey("key-" + orderId)),
                "fingerprint-" + orderId,
                id,
                T0,
                T0.plus(IdempotencyRecord.TTL));
        if (store.place(record, accepted) != OrderStore.PlaceResult.PLACED) {
            throw new IllegalStateException("could not place " + orderId);
        }
        return accepted.order();
    }

    public static FulfillmentDraft draft(String eventId, String orderId, String type) {
        return new FulfillmentDraft(eventId, orderId, type, "2026-11-27T13:00:00Z", "WH-1", null);
    }

    /** The JSON a warehouse puts on the stream. */
    public static String recordJson(String eventId, String orderId, String type) {
        return "{\"eventId\":\"" + eventId + "\",\"orderId\":\"" + orderId + "\",\"type\":\"" + type
                + "\",\"occurredAt\":\"2026-11-27T13:00:00Z\",\"warehouseId\":\"WH-1\"}";
    }
}
