package dev.orders.domain.payments;

import dev.orders.domain.advancing.AdvancingOrders;
import dev.orders.domain.advancing.AdvancingOrders.Result;
import dev.orders.domain.advancing.DedupeId;
import dev.orders.domain.money.Money;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.OrderStatus;
import dev.orders.domain.port.OrderStore;
import java.time.Clock;
import java.util.Optional;

/**
 * Recording a payment provider's verdict on an order (P2), through the apply-once rule of
 * {@link AdvancingOrders}: each provider event has at most one effect. What payments add: the amount must
 * be the order's total, in its currency.
 */
public final class RecordingPayments {

    private final AdvancingOrders advancing;
    private final Clock clock;

    public RecordingPayments(OrderStore store, Clock clock) {
        this.advancing = new AdvancingOrders(store);
        this.clock = clock;
    }

    public sealed interface Outcome {
        /** The order moved to PAID or PAYMENT_FAILED; its event is in the outbox. */
        record Advanced(Order order) implements Outcome {}

        /** This provider event was handled before: nothing changes. */
        record AlreadyApplied(String providerEventId) implements Outcome {}

        /** The order is already at or past the requested state (events out of order): ignored. */
        record Stale(OrderId orderId, OrderStatus current, OrderStatus requested) implements Outcome {}

        /** The order is not visible (yet): the payment may have overtaken it, so try again later. */
        record NotVisible(OrderId orderId) implements Outcome {}

        /** Other writers kept moving the order: try again later. */
        record Contended(OrderId orderId) implements Outcome {}

        /** The payment cannot belong to this order; it will never apply. */
        record Rejected(String reason) implements Outcome {}
    }

    public Outcome record(PaymentNotice notice) {
        var step = new AdvancingOrders.Step(
                notice.orderId(),
                notice.outcome().orderStatus(),
                DedupeId.payment(notice.providerEventId()),
                notice.providerEventId(),
                clock.instant());
        return switch (advancing.advance(step, order -> mismatch(order.total(), notice.amount()))) {
            case Result.Advanced advanced -> new Outcome.Advanced(advanced.order());
            case Result.AlreadyApplied ignored -> new Outcome.AlreadyApplied(notice.providerEventId());
            case Result.Stale stale -> new Outcome.Stale(stale.orderId(), stale.current(), stale.requested());
            case Result.NotVisible notVisible -> new Outcome.NotVisible(notVisible.orderId());
            case Result.Contended contended -> new Outcome.Contended(contended.orderId());
            case Result.Refused refused -> new Outcome.Rejected(refused.reason());
            // PAID and PAYMENT_FAILED need no earlier payment: the state machine never answers this for them
            case Result.AwaitingPayment impossible ->
                throw new IllegalStateException("a payment state waited for a payment: " + impossible);
        };
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
