package dev.orders.domain.fulfillment;

import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.OrderStatus;
import dev.orders.domain.port.OrderStore;

import java.util.Optional;

/**
 * Recording what a warehouse did to an order: the order moves forward once per fulfillment event.
 * The dedupe mark and the order change are one conditional write, so a replayed record has no second
 * effect; a late or repeated state is stale and only marked as seen.
 */
public final class RecordingFulfillment {

    /** Bounded: each conflict means another writer moved the order, so a fresh read usually settles it. */
    static final int ATTEMPTS = 3;

    private final OrderStore store;

    public RecordingFulfillment(OrderStore store) {
        this.store = store;
    }

    public sealed interface Outcome {
        /** The order moved forward; its event is in the outbox. */
        record Applied(Order order) implements Outcome {
        }

        /** This event id was applied (or found stale) before: nothing changed. */
        record AlreadyRecorded(String eventId) implements Outcome {
        }

        /** The order is already at or past the reported state: ignored, and counted. */
        record Stale(OrderId orderId, OrderStatus current, OrderStatus reported) implements Outcome {
        }

        /** The record can never be applied: quarantine it and move on. */
        record Rejected(FulfillmentPolicy.Rejection rejection) implements Outcome {
        }

        /** The order is not visible yet (the record may have overtaken it): retry later. */
        record OrderNotYetVisible(OrderId orderId) implements Outcome {
        }

        /** Other writers kept moving the order: retry later. */
        record Contended(OrderId orderId) implements Outcome {
        }
    }

    public Outcome record(FulfillmentDraft draft) {
        return switch (FulfillmentPolicy.check(draft)) {
            case FulfillmentPolicy.Checked.Invalid invalid -> new Outcome.Rejected(invalid.rejection());
            case FulfillmentPolicy.Checked.Valid valid -> apply(valid.event());
        };
    }

    private Outcome apply(FulfillmentEvent event) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<Order> found = store.findOrder(event.orderId());
            if (found.isEmpty()) {
                return new Outcome.OrderNotYetVisible(event.orderId());
            }
            Order order = found.get();
            switch (order.advance(event.type().status(), event.eventId(), event.occurredAt())) {
                case Order.Transition.Stale stale -> {
                    return switch (store.markProcessed(event.dedupeId())) {
                        case DUPLICATE -> new Outcome.AlreadyRecorded(event.eventId());
                        case UPDATED, VERSION_CONFLICT -> new Outcome.Stale(order.id(), stale.current(), stale.requested());
                    };
                }
                case Order.Change change -> {
                    switch (store.update(change, Optional.of(event.dedupeId()))) {
                        case UPDATED -> {
                            return new Outcome.Applied(change.order());
                        }
                        case DUPLICATE -> {
                            return new Outcome.AlreadyRecorded(event.eventId());
                        }
                        case VERSION_CONFLICT -> {
                            // someone else wrote the order between our read and write: read again
                        }
                    }
                }
            }
        }
        return new Outcome.Contended(event.orderId());
    }
}
