package dev.orders.domain.port;

import dev.orders.domain.advancing.DedupeId;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.placing.IdempotencyRecord;
import dev.orders.domain.placing.IdempotencyScope;
import java.time.Instant;
import java.util.Optional;

/**
 * Where orders live. Every write is atomic and conditional, and stores the change's event in the
 * same write (the outbox): a state change is never visible without its event, nor the reverse.
 */
public interface OrderStore {

    /** Reads the latest committed version (a strongly consistent read). */
    Optional<Order> findOrder(OrderId id);

    /** The record for this caller's key, unless it has expired by {@code now} (a strongly consistent read). */
    Optional<IdempotencyRecord> findIdempotency(IdempotencyScope scope, Instant now);

    /**
     * Writes the idempotency record, the new order and its event together, on condition that no live
     * record holds the scope and no order holds the id.
     */
    PlaceResult place(IdempotencyRecord record, Order.Change accepted);

    /**
     * Writes a new version of an order with its event, on condition that the stored version is still
     * {@code change.order().version() - 1} and, when {@code dedupeId} is given, that no earlier write
     * carried the same id. The dedupe mark is part of the same write, so an effect is applied once.
     */
    UpdateResult update(Order.Change change, Optional<DedupeId> dedupeId);

    /**
     * Writes a new version of an order that announces nothing (a rejected receipt noted on it), on the same
     * conditions as {@link #update}: the stored version is {@code amended.version() - 1} and {@code dedupeId} was not
     * recorded before; the dedupe mark is part of the same write.
     */
    UpdateResult amend(Order amended, DedupeId dedupeId);

    /** Records that a message was handled without changing an order (for example a stale transition). */
    UpdateResult markProcessed(DedupeId dedupeId);

    enum PlaceResult {
        PLACED,
        /** A live idempotency record already holds the caller's key. */
        KEY_TAKEN,
        /** An order with that id already exists. */
        ORDER_ID_TAKEN
    }

    enum UpdateResult {
        UPDATED,
        /** Someone else wrote the order first: read again and retry. */
        VERSION_CONFLICT,
        /** The dedupe id was already recorded: the effect has been applied before. */
        DUPLICATE
    }
}
