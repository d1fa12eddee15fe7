package dev.orders.domain.placing;

import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.port.OrderStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Accepting an order under an idempotency key. The key is scoped to the caller; a replay returns the
 * order the key first created, with its current state, whether or not the client chose the order id.
 */
public final class AcceptingOrders {

    /** Bounded: a lost race means a record now exists, so the second look always decides. */
    private static final int ATTEMPTS = 3;

    private final OrderStore store;
    private final Clock clock;
    private final Supplier<String> newOrderId;

    public AcceptingOrders(OrderStore store, Clock clock, Supplier<String> newOrderId) {
        this.store = store;
        this.clock = clock;
        this.newOrderId = newOrderId;
    }

    public sealed interface Outcome {
        /** A new order: answer 202. */
        record Accepted(Order order) implements Outcome {}

        /** The same key and payload again: answer 200 with the order as it is now. */
        record Replayed(Order order) implements Outcome {}

        /** The same key with another payload: answer 422. */
        record KeyReusedForAnotherPayload() implements Outcome {}

        /** The requested order id belongs to another key: answer 409. */
        record OrderIdTaken(OrderId orderId) implements Outcome {}
    }

    /**
     * The outcome is decided by the conditional write's own result, or by a consistent read made after it, never
     * by a look-up made before it: a concurrent request with the same key may commit at any moment in between,
     * and its order is then ours to answer with (200), not a conflict (409).
     */
    public Outcome accept(PlaceOrder command) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            Optional<IdempotencyRecord> existing = store.findIdempotency(command.scope(), now);
            if (existing.isPresent()) {
                Optional<Outcome> replay = replay(existing.get(), command);
                if (replay.isPresent()) {
                    return replay.get();
                }
                continue;
            }
            OrderId id = command.requestedId().orElseGet(() -> new OrderId(newOrderId.get()));
            Order.Change accepted = Order.accept(
                    id,
                    command.customerId(),
                    command.contact(),
                    command.items(),
                    command.scope().key().value(),
                    now);
            switch (store.place(IdempotencyRecord.of(command, id, now), accepted)) {
                case PLACED -> {
                    return new Outcome.Accepted(accepted.order());
                }
                case ORDER_ID_TAKEN -> {
                    if (command.requestedId().isEmpty()) {
                        continue; // a generated id collided: draw another one
                    }
                    // Taken by whom? Only a consistent read of our key, made after the write failed, can tell a
                    // concurrent request with our key (its order is our answer) from another key's order (409).
                    Optional<IdempotencyRecord> winner = store.findIdempotency(command.scope(), now);
                    if (winner.isEmpty()) {
                        return new Outcome.OrderIdTaken(id);
                    }
                    Optional<Outcome> replay = replay(winner.get(), command);
                    if (replay.isPresent()) {
                        return replay.get();
                    }
                }
                case KEY_TAKEN -> {
                    // a concurrent request with the same key won: the next look finds its record
                }
            }
        }
        throw new IllegalStateException("could not settle idempotency key after " + ATTEMPTS + " attempts");
    }

    private Optional<Outcome> replay(IdempotencyRecord record, PlaceOrder command) {
        if (!record.fingerprint().equals(command.fingerprint())) {
            return Optional.of(new Outcome.KeyReusedForAnotherPayload());
        }
        return store.findOrder(record.orderId()).map(Outcome.Replayed::new);
    }
}
