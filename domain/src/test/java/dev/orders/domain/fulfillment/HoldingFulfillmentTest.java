package dev.orders.domain.fulfillment;

import static dev.orders.domain.testing.FulfillmentFixtures.draft;
import static dev.orders.domain.testing.FulfillmentFixtures.placeAcceptedOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.domain.advancing.DedupeId;
import dev.orders.domain.fulfillment.HoldingFulfillment.Outcome;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.OrderStatus;
import dev.orders.domain.testing.InMemoryOrderStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HoldingFulfillmentTest {

    private static final Instant HELD = Instant.parse("2026-11-27T13:00:00Z");
    private static final Duration WAIT = Duration.ofMinutes(15);
    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final HoldingFulfillment holding = new HoldingFulfillment(store, WAIT);

    private OrderStatus statusOf(String orderId) {
        return store.findOrder(new OrderId(orderId)).orElseThrow().status();
    }

    private void pay(String orderId, OrderStatus outcome, String eventId) {
        Order order = store.findOrder(new OrderId(orderId)).orElseThrow();
        store.update((Order.Change) order.advance(outcome, eventId, HELD), Optional.of(DedupeId.payment(eventId)));
    }

    @Test
    void an_unpaid_order_keeps_the_record_held_until_the_wait_ends_then_it_is_given_up_with_its_reason() {
        placeAcceptedOrder(store, "o-1");
        assertThat(holding.retry(
                        draft("e-1", "o-1", "SHIPPED"), HELD, HELD.plus(WAIT).minusSeconds(1)))
                .isEqualTo(new Outcome.StillHeld("awaiting-payment"));
        Outcome last = holding.retry(draft("e-1", "o-1", "SHIPPED"), HELD, HELD.plus(WAIT));
        assertThat(last)
                .isInstanceOfSatisfying(
                        Outcome.GivenUp.class,
                        g -> assertThat(g.reason())
                                .isEqualTo(
                                        "order-not-paid: order o-1 is still ACCEPTED after 15 min; SHIPPED was not applied"));
        assertThat(statusOf("o-1")).isEqualTo(OrderStatus.ACCEPTED);
    }

    @Test
    void a_late_payment_releases_the_held_record_which_then_applies_once() {
        placeAcceptedOrder(store, "o-1");
        assertThat(holding.retry(draft("e-1", "o-1", "SHIPPED"), HELD, HELD.plusSeconds(30)))
                .isInstanceOf(Outcome.StillHeld.class);
        pay("o-1", OrderStatus.PAID, "pay-1");
        assertThat(holding.retry(draft("e-1", "o-1", "SHIPPED"), HELD, HELD.plusSeconds(60)))
                .isInstanceOfSatisfying(
                        Outcome.Settled.class,
                        s -> assertThat(s.outcome()).isInstanceOf(RecordingFulfillment.Outcome.Advanced.class));
        assertThat(holding.retry(draft("e-1", "o-1", "SHIPPED"), HELD, HELD.plusSeconds(90)))
                .isEqualTo(new Outcome.Settled(new RecordingFulfillment.Outcome.AlreadyApplied("e-1")));
        assertThat(store.outbox())
                .extracting(e -> e.detailType())
                .containsExactly("OrderAccepted", "OrderPaid", "OrderShipped");
    }

    @Test
    void a_payment_failed_order_never_ships_but_still_waits_for_a_later_success() {
        placeAcceptedOrder(store, "o-1");
        pay("o-1", OrderStatus.PAYMENT_FAILED, "pay-0");
        assertThat(holding.retry(draft("e-1", "o-1", "DELIVERED"), HELD, HELD.plusSeconds(60)))
                .isInstanceOf(Outcome.StillHeld.class);
        assertThat(holding.retry(draft("e-1", "o-1", "DELIVERED"), HELD, HELD.plus(WAIT)))
                .isInstanceOfSatisfying(
                        Outcome.GivenUp.class,
                        g -> assertThat(g.reason()).startsWith("order-not-paid: order o-1 is still PAYMENT_FAILED"));
        assertThat(statusOf("o-1")).isEqualTo(OrderStatus.PAYMENT_FAILED);
    }

    @Test
    void the_wait_must_be_positive() {
        assertThatThrownBy(() -> new HoldingFulfillment(store, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
