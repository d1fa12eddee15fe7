package dev.orders.domain.fulfillment;

import static dev.orders.domain.testing.FulfillmentFixtures.draft;
import static dev.orders.domain.testing.FulfillmentFixtures.placeAcceptedOrder;
import static dev.orders.domain.testing.FulfillmentFixtures.placePaidOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.domain.advancing.AdvancingOrders;
import dev.orders.domain.advancing.DedupeId;
import dev.orders.domain.fulfillment.RecordingFulfillment.Outcome;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderEvent;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.OrderStatus;
import dev.orders.domain.port.OrderStore.UpdateResult;
import dev.orders.domain.testing.InMemoryOrderStore;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecordingFulfillmentTest {

    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final RecordingFulfillment recording = new RecordingFulfillment(store);

    private OrderStatus statusOf(String orderId) {
        return store.findOrder(new OrderId(orderId)).orElseThrow().status();
    }

    @Test
    void a_picked_record_moves_a_paid_order_to_picked_with_one_event() {
        placePaidOrder(store, "o-1");
        Outcome outcome = recording.record(draft("e-1", "o-1", "PICKED"));
        assertThat(outcome).isInstanceOf(Outcome.Advanced.class);
        assertThat(statusOf("o-1")).isEqualTo(OrderStatus.PICKED);
        assertThat(store.outbox()).extracting(OrderEvent::detailType).endsWith("OrderPicked");
        assertThat(store.outbox().getLast().causeId()).isEqualTo("e-1");
    }

    @Test
    void the_same_event_twice_is_applied_once() {
        placePaidOrder(store, "o-1");
        recording.record(draft("e-1", "o-1", "PICKED"));
        int events = store.outbox().size();
        assertThat(recording.record(draft("e-1", "o-1", "PICKED"))).isEqualTo(new Outcome.AlreadyApplied("e-1"));
        assertThat(store.outbox()).hasSize(events);
    }

    @Test
    void a_replayed_earlier_event_after_a_later_one_changes_nothing() {
        placePaidOrder(store, "o-1");
        recording.record(draft("e-1", "o-1", "PICKED"));
        recording.record(draft("e-2", "o-1", "SHIPPED"));
        int events = store.outbox().size();
        assertThat(recording.record(draft("e-1", "o-1", "PICKED"))).isEqualTo(new Outcome.AlreadyApplied("e-1"));
        assertThat(statusOf("o-1")).isEqualTo(OrderStatus.SHIPPED);
        assertThat(store.outbox()).hasSize(events);
    }

    @Test
    void a_state_that_arrives_after_a_later_one_is_stale_and_remembered() {
        placePaidOrder(store, "o-1");
        recording.record(draft("e-2", "o-1", "SHIPPED"));
        assertThat(recording.record(draft("e-1", "o-1", "PICKED")))
                .isEqualTo(new Outcome.Stale(new OrderId("o-1"), OrderStatus.SHIPPED, OrderStatus.PICKED));
        assertThat(recording.record(draft("e-1", "o-1", "PICKED"))).isEqualTo(new Outcome.AlreadyApplied("e-1"));
    }

    @Test
    void a_later_state_may_skip_an_earlier_one() {
        placePaidOrder(store, "o-1");
        assertThat(recording.record(draft("e-3", "o-1", "DELIVERED"))).isInstanceOf(Outcome.Advanced.class);
        assertThat(statusOf("o-1")).isEqualTo(OrderStatus.DELIVERED);
    }

    @Test
    void a_record_for_an_unpaid_order_awaits_payment_changes_nothing_and_is_not_marked() {
        placeAcceptedOrder(store, "o-1");
        int events = store.outbox().size();
        for (String type : new String[] {"PICKED", "SHIPPED", "DELIVERED"}) {
            assertThat(recording.record(draft("e-" + type, "o-1", type)))
                    .isEqualTo(new Outcome.AwaitingPayment(
                            new OrderId("o-1"), OrderStatus.ACCEPTED, OrderStatus.valueOf(type)));
        }
        assertThat(statusOf("o-1")).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(store.outbox()).hasSize(events);
        assertThat(store.markProcessed(DedupeId.fulfillment("e-SHIPPED"))).isEqualTo(UpdateResult.UPDATED);
    }

    @Test
    void a_record_held_for_payment_applies_once_the_order_is_paid() {
        placeAcceptedOrder(store, "o-1");
        assertThat(recording.record(draft("e-1", "o-1", "SHIPPED"))).isInstanceOf(Outcome.AwaitingPayment.class);
        Order accepted = store.findOrder(new OrderId("o-1")).orElseThrow();
        store.update(
                (Order.Change) accepted.advance(
                        OrderStatus.PAID, "pay-1", accepted.history().getFirst().at()),
                Optional.of(DedupeId.payment("pay-1")));
        assertThat(recording.record(draft("e-1", "o-1", "SHIPPED"))).isInstanceOf(Outcome.Advanced.class);
        assertThat(statusOf("o-1")).isEqualTo(OrderStatus.SHIPPED);
    }

    @Test
    void a_record_for_an_order_not_yet_visible_asks_for_a_retry_and_changes_nothing() {
        assertThat(recording.record(draft("e-1", "o-9", "PICKED")))
                .isEqualTo(new Outcome.NotVisible(new OrderId("o-9")));
        placePaidOrder(store, "o-9");
        assertThat(recording.record(draft("e-1", "o-9", "PICKED"))).isInstanceOf(Outcome.Advanced.class);
    }

    @Test
    void a_negative_amount_is_rejected_as_business_invalid_and_changes_nothing() {
        placePaidOrder(store, "o-1");
        var draft = new FulfillmentDraft("e-1", "o-1", "DELIVERED", "2026-11-27T13:00:00Z", "WH-1", "-5.00");
        Outcome outcome = recording.record(draft);
        assertThat(((Outcome.Rejected) outcome).rejection().reason())
                .isEqualTo("business-invalid: amount: must not be negative");
        assertThat(statusOf("o-1")).isEqualTo(OrderStatus.PAID);
    }

    @Test
    void an_order_that_keeps_moving_under_us_is_contended_after_bounded_attempts() {
        AtomicInteger writes = new AtomicInteger();
        InMemoryOrderStore alwaysConflicting = new InMemoryOrderStore() {
            @Override
            public synchronized UpdateResult update(Order.Change change, Optional<DedupeId> dedupeId) {
                if (change.order().status() == OrderStatus.PAID) {
                    return super.update(change, dedupeId);
                }
                writes.incrementAndGet();
                return UpdateResult.VERSION_CONFLICT;
            }
        };
        placePaidOrder(alwaysConflicting, "o-1");
        Outcome outcome = new RecordingFulfillment(alwaysConflicting).record(draft("e-1", "o-1", "PICKED"));
        assertThat(outcome).isEqualTo(new Outcome.Contended(new OrderId("o-1")));
        assertThat(writes.get()).isEqualTo(AdvancingOrders.ATTEMPTS);
    }
}
