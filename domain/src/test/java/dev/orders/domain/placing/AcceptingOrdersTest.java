package dev.orders.domain.placing;

import static dev.orders.domain.testing.Fixtures.alice;
import static dev.orders.domain.testing.Fixtures.bob;
import static dev.orders.domain.testing.Fixtures.draftWithOrderId;
import static dev.orders.domain.testing.Fixtures.key;
import static dev.orders.domain.testing.Fixtures.sequentialIds;
import static dev.orders.domain.testing.Fixtures.twoLineDraft;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderEvent;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.OrderStatus;
import dev.orders.domain.placing.AcceptingOrders.Outcome;
import dev.orders.domain.testing.Fixtures.MutableClock;
import dev.orders.domain.testing.InMemoryOrderStore;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AcceptingOrdersTest {

    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final MutableClock clock = MutableClock.atNoon();
    private final AcceptingOrders accepting = new AcceptingOrders(store, clock, sequentialIds("gen-"));

    private static PlaceOrder command(OrderDraft draft, String key, dev.orders.domain.order.CustomerId caller) {
        return ((PlacingOrderPolicy.Verdict.Valid) PlacingOrderPolicy.check(draft, caller, key(key))).command();
    }

    @Test
    void a_first_request_accepts_an_order_and_puts_one_event_in_the_outbox() {
        Outcome outcome = accepting.accept(command(twoLineDraft(), "k1", alice()));
        Order order = ((Outcome.Accepted) outcome).order();
        assertThat(order.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(store.outbox()).extracting(OrderEvent::detailType).containsExactly("OrderAccepted");
    }

    @Test
    void a_replayed_request_without_order_id_returns_the_same_order() {
        Order first = ((Outcome.Accepted) accepting.accept(command(twoLineDraft(), "k1", alice()))).order();
        Outcome again = accepting.accept(command(twoLineDraft(), "k1", alice()));
        assertThat(again).isEqualTo(new Outcome.Replayed(first));
        assertThat(store.orderCount()).isEqualTo(1);
        assertThat(store.outbox()).hasSize(1);
    }

    @Test
    void a_replay_reports_the_orders_current_status() {
        Order first = ((Outcome.Accepted) accepting.accept(command(twoLineDraft(), "k1", alice()))).order();
        store.update(
                (Order.Change) first.advance(OrderStatus.PAID, "pay-1", clock.instant()),
                Optional.of(dev.orders.domain.advancing.DedupeId.payment("pay-1")));
        Outcome again = accepting.accept(command(twoLineDraft(), "k1", alice()));
        assertThat(((Outcome.Replayed) again).order().status()).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void the_same_key_with_another_payload_is_refused() {
        accepting.accept(command(twoLineDraft(), "k1", alice()));
        Outcome other = accepting.accept(command(draftWithOrderId("mine"), "k1", alice()));
        assertThat(other).isInstanceOf(Outcome.KeyReusedForAnotherPayload.class);
        assertThat(store.orderCount()).isEqualTo(1);
    }

    @Test
    void keys_are_scoped_to_the_caller() {
        Order alices = ((Outcome.Accepted) accepting.accept(command(twoLineDraft(), "shared", alice()))).order();
        Order bobs = ((Outcome.Accepted) accepting.accept(command(twoLineDraft(), "shared", bob()))).order();
        assertThat(bobs.id()).isNotEqualTo(alices.id());
        assertThat(bobs.customerId()).isEqualTo(bob());
    }

    @Test
    void an_order_id_owned_by_another_key_is_a_conflict() {
        accepting.accept(command(draftWithOrderId("o-7"), "k1", alice()));
        Outcome second = accepting.accept(command(draftWithOrderId("o-7"), "k2", alice()));
        assertThat(second).isEqualTo(new Outcome.OrderIdTaken(new OrderId("o-7")));
        Outcome bobs = accepting.accept(command(draftWithOrderId("o-7"), "k1", bob()));
        assertThat(bobs).isEqualTo(new Outcome.OrderIdTaken(new OrderId("o-7")));
        assertThat(store.outbox()).hasSize(1);
    }

    @Test
    void a_key_is_forgotten_after_24_hours() {
        Order first = ((Outcome.Accepted) accepting.accept(command(twoLineDraft(), "k1", alice()))).order();
        clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(accepting.accept(command(twoLineDraft(), "k1", alice()))).isInstanceOf(Outcome.Replayed.class);
        clock.advance(Duration.ofSeconds(1));
        Outcome later = accepting.accept(command(twoLineDraft(), "k1", alice()));
        assertThat(((Outcome.Accepted) later).order().id()).isNotEqualTo(first.id());
    }

    @Test
    void a_lost_race_on_the_key_returns_the_winners_order() {
        PlaceOrder command = command(twoLineDraft(), "k1", alice());
        // The winner writes between the loser's look-up and its write: the store refuses the loser's write.
        InMemoryOrderStore racing = new InMemoryOrderStore() {
            private boolean raced;

            @Override
            public synchronized Optional<IdempotencyRecord> findIdempotency(
                    IdempotencyScope scope, java.time.Instant now) {
                Optional<IdempotencyRecord> seen = super.findIdempotency(scope, now);
                if (!raced) {
                    raced = true;
                    new AcceptingOrders(this, clock, () -> "winner").accept(command);
                }
                return seen;
            }
        };
        Outcome loser = new AcceptingOrders(racing, clock, () -> "loser").accept(command);
        assertThat(((Outcome.Replayed) loser).order().id()).isEqualTo(new OrderId("winner"));
        assertThat(racing.orderCount()).isEqualTo(1);
        assertThat(racing.outbox()).hasSize(1);
    }
}
