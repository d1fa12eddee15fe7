package dev.orders.domain.testing;

import dev.orders.domain.advancing.DedupeId;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.placing.IdempotencyRecord;
import dev.orders.domain.placing.IdempotencyScope;
import dev.orders.domain.port.OrderStore;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A store that lets a competitor commit at one chosen point of a caller's sequence of calls, exactly once:
 * a race forced, not hoped for. Wraps any adapter, so the same interleaving runs on every store.
 */
public final class Interleaving implements OrderStore {

    /** Where the competitor runs. */
    public enum Point {
        /** Right after the caller's first idempotency look-up returned (what it saw is already out of date). */
        AFTER_FIRST_KEY_LOOKUP,
        /** Right before the caller's first conditional write of a new order. */
        BEFORE_FIRST_PLACE
    }

    private final OrderStore delegate;
    private final Point point;
    private final Runnable competitor;
    private final AtomicBoolean ran = new AtomicBoolean();

    public Interleaving(OrderStore delegate, Point point, Runnable competitor) {
        this.delegate = delegate;
        this.point = point;
        this.competitor = competitor;
    }

    public boolean competitorRan() {
        return ran.get();
    }

    private void at(Point reached) {
        if (reached == point && ran.compareAndSet(false, true)) {
            competitor.run();
        }
    }

    @Override
    public Optional<Order> findOrder(OrderId id) {
        return delegate.findOrder(id);
    }

    @Override
    public Optional<IdempotencyRecord> findIdempotency(IdempotencyScope scope, Instant now) {
        Optional<IdempotencyRecord> seen = delegate.findIdempotency(scope, now);
        at(Point.AFTER_FIRST_KEY_LOOKUP);
        return seen;
    }

    @Override
    public PlaceResult place(IdempotencyRecord record, Order.Change accepted) {
        at(Point.BEFORE_FIRST_PLACE);
        return delegate.place(record, accepted);
    }

    @Override
    public UpdateResult update(Order.Change change, Optional<DedupeId> dedupeId) {
        return delegate.update(change, dedupeId);
    }

    @Override
    public UpdateResult amend(Order amended, DedupeId dedupeId) {
        return delegate.amend(amended, dedupeId);
    }

    @Override
    public UpdateResult markProcessed(DedupeId dedupeId) {
        return delegate.markProcessed(dedupeId);
    }
}
