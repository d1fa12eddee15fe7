package dev.orders.domain.port;

import dev.orders.domain.advancing.DedupeId;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.placing.IdempotencyRecord;
import dev.orders.domain.placing.IdempotencyScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where orders live. Every write is atomic and conditional, and stores the change's event in the
 * same write (the outbox): a state change is never visible without its event, nor the reverse.
 */
public interface OrderStore {

    /** Reads the latest committed version (a strongly consistent read). */
    Optional<Order> findOrder(OrderId id);

    /**
     * Reads several orders at once, each as {@link #findOrder} would (strongly consistent); an id with no order is
     * absent from the map. An adapter may read them one by one (this default) or in one request.
     */
    default Map<OrderId, Order> findOrders(Collection<OrderId> ids) {
        Map<OrderId, Order> found = new LinkedHashMap<>();
        for (OrderId id : ids) {
            if (!found.containsKey(id)) {
                findOrder(id).ifPresent(order -> found.put(id, order));
            }
        }
        return found;
    }

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

    /**
     * Applies {@code writes} in their order, each exactly as {@link #update} ({@link Write.Update}) or
     * {@link #markProcessed} ({@link Write.Mark}) would, and stops after the first update that is not
     * {@link UpdateResult#UPDATED}: the writes after it are not tried (they were planned on an order that write was to
     * leave behind). Answers one result per write tried, in order. Each write is atomic on its own (order, event and
     * dedupe mark together); an adapter may commit several together (all or none of them survive a crash), or write
     * them one by one (this default: a crash leaves a prefix). Either way a retry of the same writes is recognised by
     * their dedupe marks, so nothing is applied twice.
     */
    default List<UpdateResult> apply(List<Write> writes) {
        List<UpdateResult> results = new ArrayList<>(writes.size());
        for (Write write : writes) {
            switch (write) {
                case Write.Update update -> {
                    UpdateResult result = update(update.change(), Optional.of(update.dedupeId()));
                    results.add(result);
                    if (result != UpdateResult.UPDATED) {
                        return results;
                    }
                }
                case Write.Mark mark -> results.add(markProcessed(mark.dedupeId()));
            }
        }
        return results;
    }

    /** One write of {@link #apply}. */
    sealed interface Write {
        /** {@link #update}{@code (change, Optional.of(dedupeId))}. */
        record Update(Order.Change change, DedupeId dedupeId) implements Write {
            public Update {
                Objects.requireNonNull(change, "change");
                Objects.requireNonNull(dedupeId, "dedupeId");
            }
        }

        /** {@link #markProcessed}{@code (dedupeId)}. */
        record Mark(DedupeId dedupeId) implements Write {
            public Mark {
                Objects.requireNonNull(dedupeId, "dedupeId");
            }
        }
    }

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
