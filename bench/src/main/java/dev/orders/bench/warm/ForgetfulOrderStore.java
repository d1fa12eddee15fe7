package dev.orders.bench.warm;

import dev.orders.domain.advancing.DedupeId;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.placing.IdempotencyRecord;
import dev.orders.domain.placing.IdempotencyScope;
import dev.orders.domain.port.OrderStore;
import dev.orders.domain.testing.InMemoryOrderStore;
import java.time.Instant;
import java.util.Optional;

/**
 * The domain's in-memory store, started afresh once it holds {@code capacity} orders, so that millions of
 * benchmark invocations (each with a fresh key) measure the handler rather than a growing heap. The bench's
 * own: the domain's test fake stays a faithful fake.
 */
final class ForgetfulOrderStore implements OrderStore {

    private final int capacity;
    private InMemoryOrderStore current = new InMemoryOrderStore();

    ForgetfulOrderStore(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public synchronized Optional<Order> findOrder(OrderId id) {
        return current.findOrder(id);
    }

    @Override
    public synchronized Optional<IdempotencyRecord> findIdempotency(IdempotencyScope scope, Instant now) {
        return current.findIdempotency(scope, now);
    }

    @Override
    public synchronized PlaceResult place(IdempotencyRecord record, Order.Change accepted) {
        if (current.orderCount() >= capacity) {
            current = new InMemoryOrderStore();
        }
        return current.place(record, accepted);
    }

    @Override
    public synchronized UpdateResult update(Order.Change change, Optional<DedupeId> dedupeId) {
        return current.update(change, dedupeId);
    }

    @Override
    public synchronized UpdateResult amend(Order amended, DedupeId dedupeId) {
        return current.amend(amended, dedupeId);
    }

    @Override
    public synchronized UpdateResult markProcessed(DedupeId dedupeId) {
        return current.markProcessed(dedupeId);
    }

    synchronized int orderCount() {
        return current.orderCount();
    }
}
