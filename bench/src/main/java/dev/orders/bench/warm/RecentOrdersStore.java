package dev.orders.bench.warm;

import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.placing.IdempotencyRecord;
import dev.orders.domain.placing.IdempotencyScope;
import dev.orders.domain.port.OrderStore;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory store for measuring the handler alone: the port's conditions with hash-map costs, bounded so
 * millions of benchmark invocations measure the handler rather than a growing heap. When full it forgets
 * everything, which no benchmark invocation can notice (each uses a fresh key).
 */
final class RecentOrdersStore implements OrderStore {

    private static final int CAPACITY = 100_000;

    private final ConcurrentHashMap<OrderId, Order> orders = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<IdempotencyScope, IdempotencyRecord> keys = new ConcurrentHashMap<>();
    private final java.util.Set<String> processed = ConcurrentHashMap.newKeySet();
    /** Event ids written to the "outbox": kept so the port's contract can be checked, forgotten with the rest. */
    private final java.util.Set<String> outbox = ConcurrentHashMap.newKeySet();

    java.util.Set<String> outboxEventIds() {
        return java.util.Set.copyOf(outbox);
    }

    @Override
    public Optional<Order> findOrder(OrderId id) {
        return Optional.ofNullable(orders.get(id));
    }

    @Override
    public Optional<IdempotencyRecord> findIdempotency(IdempotencyScope scope, Instant now) {
        return Optional.ofNullable(keys.get(scope)).filter(r -> r.isLiveAt(now));
    }

    @Override
    public synchronized PlaceResult place(IdempotencyRecord record, Order.Change accepted) {
        if (orders.size() >= CAPACITY) {
            orders.clear();
            keys.clear();
            processed.clear();
            outbox.clear();
        }
        IdempotencyRecord held = keys.get(record.scope());
        if (held != null && held.isLiveAt(record.createdAt())) {
            return PlaceResult.KEY_TAKEN;
        }
        if (orders.putIfAbsent(accepted.order().id(), accepted.order()) != null) {
            return PlaceResult.ORDER_ID_TAKEN;
        }
        keys.put(record.scope(), record);
        outbox.add(accepted.event().eventId());
        return PlaceResult.PLACED;
    }

    @Override
    public synchronized UpdateResult update(Order.Change change, Optional<String> dedupeId) {
        if (dedupeId.isPresent() && processed.contains(dedupeId.get())) {
            return UpdateResult.DUPLICATE;
        }
        Order stored = orders.get(change.order().id());
        if (stored == null || stored.version() != change.order().version() - 1) {
            return UpdateResult.VERSION_CONFLICT;
        }
        dedupeId.ifPresent(processed::add);
        orders.put(change.order().id(), change.order());
        outbox.add(change.event().eventId());
        return UpdateResult.UPDATED;
    }

    @Override
    public synchronized UpdateResult markProcessed(String dedupeId) {
        return processed.add(dedupeId) ? UpdateResult.UPDATED : UpdateResult.DUPLICATE;
    }
}
