package dev.orders.domain.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.domain.money.Money;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderTest {

    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
    private static final Currency EUR = Currency.getInstance("EUR");

    static Order.Change accepted() {
        return Order.accept(
                new OrderId("o-1"),
                new CustomerId("alice"),
                List.of(
                        new LineItem("A", 3, Money.parse("12.50", EUR).orElseThrow()),
                        new LineItem("B", 1, Money.parse("0.99", EUR).orElseThrow())),
                "key-1",
                T0);
    }

    @Test
    void an_accepted_order_totals_quantity_times_unit_price() {
        assertThat(accepted().order().total())
                .isEqualTo(Money.parse("38.49", EUR).orElseThrow());
    }

    @Test
    void accepting_announces_order_accepted_with_the_cause() {
        OrderEvent event = accepted().event();
        assertThat(event.detailType()).isEqualTo("OrderAccepted");
        assertThat(event.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(event.causeId()).isEqualTo("key-1");
        assertThat(event.occurredAt()).isEqualTo(T0);
    }

    @Test
    void the_same_change_always_carries_the_same_event_id() {
        assertThat(accepted().event().eventId()).isEqualTo(accepted().event().eventId());
        Order order = accepted().order();
        Order.Change paidOnce = (Order.Change) order.advance(OrderStatus.PAID, "pay-1", T0);
        Order.Change paidAgain = (Order.Change) order.advance(OrderStatus.PAID, "pay-2", T0.plusSeconds(5));
        assertThat(paidOnce.event().eventId())
                .isEqualTo(paidAgain.event().eventId())
                .isNotEqualTo(accepted().event().eventId());
    }

    @Test
    void advancing_records_history_and_bumps_the_version() {
        Order.Change paid = (Order.Change) accepted().order().advance(OrderStatus.PAID, "pay-1", T0.plusSeconds(1));
        assertThat(paid.order().status()).isEqualTo(OrderStatus.PAID);
        assertThat(paid.order().version()).isEqualTo(2);
        assertThat(paid.order().history())
                .extracting(StatusChange::status)
                .containsExactly(OrderStatus.ACCEPTED, OrderStatus.PAID);
        assertThat(paid.event().detailType()).isEqualTo("OrderPaid");
    }

    @ParameterizedTest(name = "{0} -> {1} allowed={2}")
    @CsvSource({
        "ACCEPTED, PAID, true", "ACCEPTED, PAYMENT_FAILED, true", "PAYMENT_FAILED, PAID, true",
        "PAID, PICKED, true", "PAID, SHIPPED, true", "PICKED, DELIVERED, true",
        "PAID, PAYMENT_FAILED, false", "PAID, PAID, false", "SHIPPED, PICKED, false",
        "DELIVERED, SHIPPED, false", "PAYMENT_FAILED, PAYMENT_FAILED, false", "PICKED, ACCEPTED, false"
    })
    void states_move_forward_only(OrderStatus from, OrderStatus to, boolean allowed) {
        assertThat(from.canAdvanceTo(to)).isEqualTo(allowed);
    }

    @Test
    void a_late_earlier_state_is_stale_and_changes_nothing() {
        Order paid = ((Order.Change) accepted().order().advance(OrderStatus.PAID, "pay-1", T0)).order();
        Order shipped = ((Order.Change) paid.advance(OrderStatus.SHIPPED, "f-1", T0)).order();
        Order.Transition late = shipped.advance(OrderStatus.PICKED, "f-0", T0);
        assertThat(late).isEqualTo(new Order.Transition.Stale(OrderStatus.SHIPPED, OrderStatus.PICKED));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "ACCEPTED, PICKED",
        "ACCEPTED, SHIPPED",
        "ACCEPTED, DELIVERED",
        "PAYMENT_FAILED, PICKED",
        "PAYMENT_FAILED, DELIVERED"
    })
    void fulfillment_needs_payment_so_an_unpaid_order_never_moves_to_a_fulfillment_state(
            OrderStatus from, OrderStatus to) {
        assertThat(from.allows(to)).isFalse();
        Order unpaid = from == OrderStatus.ACCEPTED
                ? accepted().order()
                : ((Order.Change) accepted().order().advance(from, "pay-1", T0)).order();
        assertThat(unpaid.advance(to, "f-1", T0)).isEqualTo(new Order.Transition.AwaitingPayment(from, to));
    }

    @Test
    void a_paid_order_may_move_to_any_later_fulfillment_state() {
        Order paid = ((Order.Change) accepted().order().advance(OrderStatus.PAID, "pay-1", T0)).order();
        assertThat(paid.advance(OrderStatus.DELIVERED, "f-1", T0)).isInstanceOf(Order.Change.class);
        assertThat(OrderStatus.PICKED.allows(OrderStatus.SHIPPED)).isTrue();
    }

    @Test
    void a_verified_address_is_valid_only_when_the_token_says_it_is_verified_and_is_never_printed() {
        assertThat(EmailAddress.verified(java.util.Optional.of("a@example.com"), java.util.Optional.of("true")))
                .isPresent();
        assertThat(EmailAddress.verified(java.util.Optional.of("a@example.com"), java.util.Optional.of("false")))
                .isEmpty();
        assertThat(EmailAddress.verified(java.util.Optional.of("a@example.com"), java.util.Optional.empty()))
                .isEmpty();
        assertThat(EmailAddress.verified(
                        java.util.Optional.of("a@example.com\r\nBcc: x@y.z"), java.util.Optional.of("true")))
                .isEmpty();
        assertThat(EmailAddress.verified(java.util.Optional.of("no-at-sign"), java.util.Optional.of("true")))
                .isEmpty();
        assertThat(new EmailAddress("a@example.com").toString()).doesNotContain("example");
    }

    @Test
    void the_contact_stays_with_the_order_as_it_moves() {
        Order.Change withContact = Order.accept(
                new OrderId("o-2"),
                new CustomerId("alice"),
                java.util.Optional.of(new EmailAddress("a@example.com")),
                accepted().order().items(),
                "key-2",
                T0);
        Order paid = ((Order.Change) withContact.order().advance(OrderStatus.PAID, "pay-1", T0)).order();
        assertThat(paid.contact()).contains(new EmailAddress("a@example.com"));
    }
}
