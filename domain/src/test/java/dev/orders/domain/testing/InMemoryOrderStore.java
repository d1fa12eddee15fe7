package dev.orders.domain.testing;

import dev.orders.domain.advancing.DedupeId;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderEvent;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.placing.IdempotencyRecord;
import dev.orders.domain.placing.IdempotencyScope;
import dev.orders.domain.port.OrderStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A faithful in-memory fake of the store port: atomic, conditional, with an outbox list. */
public class InMemoryOrderStore implements OrderStore {

    private final Map<OrderId, Order> orders = new HashMap<>();
    private final Map<IdempotencyScope, IdempotencyRecord> keys = new HashMap<>();
    private final Set<DedupeId> processed = new HashSet<>();
    private final List<OrderEvent> outbox = new ArrayList<>();

    @Override
    public synchronized Optional<Order> findOrder(OrderId id) {
        return Optional.ofNullable(orders.get(id));
    }

    @Override
    public synchronized Optional<IdempotencyRecord> findIdempotency(IdempotencyScope scope, Instant now) {
        return Optional.ofNullable(keys.get(scope)).filter(r -> r.isLiveAt(now));
    }

    @Override
    public synchronized PlaceResult place(IdempotencyRecord record, Order.Change accepted) {
        IdempotencyRecord held = keys.get(record.scope());
        if (held != null && held.isLiveAt(record.createdAt())) {
            return PlaceResult.KEY_TAKEN;
        }
        if (orders.containsKey(accepted.order().id())) {
            return PlaceResult.ORDER_ID_TAKEN;
        }
        keys.put(record.scope(), record);
        orders.put(accepted.order().id(), accepted.order());
        outbox.add(accepted.event());
        return PlaceResult.PLACED;
    }

    @Override
    public synchronized UpdateResult update(Order.Change change, Optional<DedupeId> dedupeId) {
        if (dedupeId.isPresent() && processed.contains(dedupeId.get())) {
            return UpdateResult.DUPLICATE;
        }
        Order stored = orders.get(change.order().id());
        if (stored == null || stored.version() != change.order().version() - 1) {
            return UpdateResult.VERSION_CONFLICT;
        }
        dedupeId.ifPresent(processed::add);
        orders.put(change.order().id(), change.order());
        outbox.add(change.event());
        return UpdateResult.UPDATED;
    }

    @Override
    public synchronized UpdateResult amend(Order amended, DedupeId dedupeId) {
        if (processed.contains(dedupeId)) {
            return UpdateResult.DUPLICATE;
        }
        Order stored = orders.get(amended.id());
        if (stored == null || stored.version() != amended.version() - 1) {
            return UpdateResult.VERSION_CONFLICT;
        }
        processed.add(dedupeId);
        orders.put(amended.id(), amended);
        return UpdateResult.UPDATED;
    }

    @Override
    public synchronized UpdateResult markProcessed(DedupeId dedupeId) {
        return processed.add(dedupeId) ? UpdateResult.UPDATED : UpdateResult.DUPLICATE;
    }

    public synchronized List<OrderEvent> outbox() {
        return List.copyOf(outbox);
    }

    public synchronized int orderCount() {
        return orders.size();
    }
}
