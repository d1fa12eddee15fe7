package dev.orders.domain.testing;

import dev.orders.domain.money.Money;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.payments.PaymentNotice;
import dev.orders.domain.placing.AcceptingOrders;
import dev.orders.domain.placing.PlacingOrderPolicy;
import dev.orders.domain.port.OrderStore;
import java.time.Clock;
import java.util.Currency;

/** Fixtures for payment tests: an accepted 30.00 EUR order and notices about it. */
public final class Payments {

    private Payments() {}

    public static final Money THIRTY_EUR =
            Money.parse("30.00", Currency.getInstance("EUR")).orElseThrow();

    /** Accepts {@link Fixtures#draftWithOrderId(String)} (30.00 EUR) for alice, with her verified address. */
    public static Order acceptedOrder(OrderStore store, Clock clock, String orderId) {
        var verdict = (PlacingOrderPolicy.Verdict.Valid) PlacingOrderPolicy.check(
                Fixtures.draftWithOrderId(orderId), Fixtures.alice(), Fixtures.key("key-" + orderId));
        var outcome = new AcceptingOrders(store, clock, Fixtures.sequentialIds("gen-"))
                .accept(verdict.command().withContact(java.util.Optional.of(Fixtures.aliceEmail())));
        return ((AcceptingOrders.Outcome.Accepted) outcome).order();
    }

    public static PaymentNotice succeeded(String eventId, String orderId, Money amount) {
        return new PaymentNotice(
                eventId, PaymentNotice.Outcome.SUCCEEDED, new OrderId(orderId), "pay_" + eventId, amount);
    }

    public static PaymentNotice failed(String eventId, String orderId, Money amount) {
        return new PaymentNotice(eventId, PaymentNotice.Outcome.FAILED, new OrderId(orderId), "pay_" + eventId, amount);
    }
}
