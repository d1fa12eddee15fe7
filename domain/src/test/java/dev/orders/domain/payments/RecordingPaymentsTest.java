package dev.orders.domain.payments;

import static dev.orders.domain.testing.Payments.THIRTY_EUR;
import static dev.orders.domain.testing.Payments.acceptedOrder;
import static dev.orders.domain.testing.Payments.failed;
import static dev.orders.domain.testing.Payments.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.domain.money.Money;
import dev.orders.domain.order.OrderEvent;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.OrderStatus;
import dev.orders.domain.payments.RecordingPayments.Outcome;
import dev.orders.domain.port.OrderStore.UpdateResult;
import dev.orders.domain.testing.Fixtures.MutableClock;
import dev.orders.domain.testing.InMemoryOrderStore;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class RecordingPaymentsTest {

    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final MutableClock clock = MutableClock.atNoon();
    private final RecordingPayments payments = new RecordingPayments(store, clock);

    @Test
    void a_successful_payment_marks_the_order_paid_with_one_event() {
        acceptedOrder(store, clock, "o-1");
        Outcome outcome = payments.record(succeeded("evt_1", "o-1", THIRTY_EUR));
        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Outcome.Advanced.class,
                        r -> assertThat(r.order().status()).isEqualTo(OrderStatus.PAID));
        assertThat(store.outbox()).extracting(OrderEvent::detailType).containsExactly("OrderAccepted", "OrderPaid");
    }

    @Test
    void a_failed_payment_marks_the_order_payment_failed() {
        acceptedOrder(store, clock, "o-1");
        assertThat(payments.record(failed("evt_1", "o-1", THIRTY_EUR))).isInstanceOf(Outcome.Advanced.class);
        assertThat(store.findOrder(new OrderId("o-1")).orElseThrow().status()).isEqualTo(OrderStatus.PAYMENT_FAILED);
    }

    @Test
    void the_same_provider_event_twice_has_one_effect() {
        acceptedOrder(store, clock, "o-1");
        payments.record(succeeded("evt_1", "o-1", THIRTY_EUR));
        Outcome again = payments.record(succeeded("evt_1", "o-1", THIRTY_EUR));
        assertThat(again).isEqualTo(new Outcome.AlreadyApplied("evt_1"));
        assertThat(store.outbox()).hasSize(2);
        assertThat(store.findOrder(new OrderId("o-1")).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void a_failure_arriving_after_the_success_is_stale_and_changes_nothing() {
        acceptedOrder(store, clock, "o-1");
        payments.record(succeeded("evt_2", "o-1", THIRTY_EUR));
        Outcome late = payments.record(failed("evt_1", "o-1", THIRTY_EUR));
        assertThat(late).isEqualTo(new Outcome.Stale(new OrderId("o-1"), OrderStatus.PAID, OrderStatus.PAYMENT_FAILED));
        assertThat(store.findOrder(new OrderId("o-1")).orElseThrow().status()).isEqualTo(OrderStatus.PAID);
        assertThat(payments.record(failed("evt_1", "o-1", THIRTY_EUR))).isEqualTo(new Outcome.AlreadyApplied("evt_1"));
    }

    @Test
    void a_success_after_a_failure_still_pays_the_order() {
        acceptedOrder(store, clock, "o-1");
        payments.record(failed("evt_1", "o-1", THIRTY_EUR));
        assertThat(payments.record(succeeded("evt_2", "o-1", THIRTY_EUR))).isInstanceOf(Outcome.Advanced.class);
        assertThat(store.outbox())
                .extracting(OrderEvent::detailType)
                .containsExactly("OrderAccepted", "OrderPaymentFailed", "OrderPaid");
    }

    @Test
    void a_payment_for_an_order_not_yet_visible_asks_to_be_retried_and_marks_nothing() {
        assertThat(payments.record(succeeded("evt_1", "o-9", THIRTY_EUR)))
                .isEqualTo(new Outcome.NotVisible(new OrderId("o-9")));
        acceptedOrder(store, clock, "o-9");
        assertThat(payments.record(succeeded("evt_1", "o-9", THIRTY_EUR))).isInstanceOf(Outcome.Advanced.class);
    }

    @Test
    void an_amount_that_is_not_the_order_total_is_rejected_with_the_reason() {
        acceptedOrder(store, clock, "o-1");
        Money less = Money.parse("29.99", Currency.getInstance("EUR")).orElseThrow();
        Outcome outcome = payments.record(succeeded("evt_1", "o-1", less));
        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Outcome.Rejected.class,
                        r -> assertThat(r.reason()).contains("29.99 EUR").contains("30.00 EUR"));
        assertThat(store.findOrder(new OrderId("o-1")).orElseThrow().status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(store.outbox()).hasSize(1);
    }

    @Test
    void another_currency_is_rejected_even_with_the_same_number() {
        acceptedOrder(store, clock, "o-1");
        Money usd = Money.parse("30.00", Currency.getInstance("USD")).orElseThrow();
        assertThat(payments.record(succeeded("evt_1", "o-1", usd)))
                .isInstanceOfSatisfying(
                        Outcome.Rejected.class, r -> assertThat(r.reason()).contains("currency USD"));
    }

    @Test
    void an_order_that_keeps_moving_under_us_is_contended_not_an_exception() {
        dev.orders.domain.testing.InMemoryOrderStore alwaysConflicting =
                new dev.orders.domain.testing.InMemoryOrderStore() {
                    @Override
                    public synchronized UpdateResult update(
                            dev.orders.domain.order.Order.Change change,
                            java.util.Optional<dev.orders.domain.advancing.DedupeId> dedupeId) {
                        return change.order().status() == OrderStatus.ACCEPTED
                                ? super.update(change, dedupeId)
                                : UpdateResult.VERSION_CONFLICT;
                    }
                };
        acceptedOrder(alwaysConflicting, clock, "o-1");
        Outcome outcome = new RecordingPayments(alwaysConflicting, clock).record(succeeded("evt_1", "o-1", THIRTY_EUR));
        assertThat(outcome).isEqualTo(new Outcome.Contended(new OrderId("o-1")));
        assertThat(alwaysConflicting.markProcessed(dev.orders.domain.advancing.DedupeId.payment("evt_1")))
                .isEqualTo(UpdateResult.UPDATED);
    }
}
