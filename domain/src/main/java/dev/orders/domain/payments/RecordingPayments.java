package dev.orders.domain.payments;

import dev.orders.domain.money.Money;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.OrderStatus;
import dev.orders.domain.port.OrderStore;

import java.time.Clock;
import java.util.Optional;

/**
 * Recording a payment provider's verdict on an order (SPEC P2). Each provider event has at most one
 * effect: its id is written as a dedupe mark in the same write as the order change, and a stale
 * event is marked too, so a redelivery of either finds the mark.
 */
public final class RecordingPayments {

    /** A lost race means someone else moved the order: the next read sees their version. */
    private static final int ATTEMPTS = 3;

    private final OrderStore store;
    private final Clock clock;

    public RecordingPayments(OrderStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public sealed interface Outcome {
        /** The order moved to PAID or PAYMENT_FAILED; its event is in the outbox. */
        record Recorded(Order order) implements Outcome {
        }

        /** This provider event was handled before: nothing changes. */
        record Duplicate(String providerEventId) implements Outcome {
        }

        /** The order is already at or past the requested state (events out of order): ignored. */
        record Stale(OrderId orderId, OrderStatus current, OrderStatus requested) implements Outcome {
        }

        /** The order is not visible (yet): the payment may have overtaken it, so try again later. */
        record OrderNotFound(OrderId orderId) implements Outcome {
        }

        /** The payment cannot belong to this order; it will never apply. */
        record Rejected(String reason) implements Outcome {
        }
    }

    public Outcome record(PaymentNotice notice) {
        String dedupeId = "payment:" + notice.providerEventId();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<Order> found = store.findOrder(notice.orderId());
            if (found.isEmpty()) {
                return new Outcome.OrderNotFound(notice.orderId());
            }
            Order order = found.get();
            Optional<String> mismatch = mismatch(order.total(), notice.amount());
            if (mismatch.isPresent()) {
                return new Outcome.Rejected(mismatch.get());
            }
            OrderStatus next = notice.outcome().orderStatus();
            switch (order.advance(next, notice.providerEventId(), clock.instant())) {
                case Order.Transition.Stale stale -> {
                    return switch (store.markProcessed(dedupeId)) {
                        case DUPLICATE -> new Outcome.Duplicate(notice.providerEventId());
                        case UPDATED, VERSION_CONFLICT -> new Outcome.Stale(order.id(), stale.current(), stale.requested());
                    };
                }
                case Order.Change change -> {
                    switch (store.update(change, Optional.of(dedupeId))) {
                        case UPDATED -> {
                            return new Outcome.Recorded(change.order());
                        }
                        case DUPLICATE -> {
                            return new Outcome.Duplicate(notice.providerEventId());
                        }
                        case VERSION_CONFLICT -> {
                            // read again: the order changed under us
                        }
                    }
                }
            }
        }
        throw new IllegalStateException("order " + notice.orderId() + " kept changing; " + ATTEMPTS + " attempts");
    }

    /** A payment covers exactly the order's total, in the order's currency. */
    private static Optional<String> mismatch(Money total, Money paid) {
        if (!total.currency().equals(paid.currency())) {
            return Optional.of("currency " + paid.currency().getCurrencyCode() + " does not match the order's "
                    + total.currency().getCurrencyCode());
        }
        if (!total.equals(paid)) {
            return Optional.of("amount " + paid + " does not match the order total " + total);
        }
        return Optional.empty();
    }
}
