package dev.orders.domain.advancing;

import static dev.orders.domain.testing.FulfillmentFixtures.placeAcceptedOrder;
import static dev.orders.domain.testing.FulfillmentFixtures.placePaidOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.domain.advancing.AdvancingOrders.Result;
import dev.orders.domain.advancing.AdvancingOrders.Step;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.OrderStatus;
import dev.orders.domain.testing.InMemoryOrderStore;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdvancingOrdersTest {

    private static final Instant AT = Instant.parse("2026-11-27T13:00:00Z");
    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final AdvancingOrders advancing = new AdvancingOrders(store);

    private static Step step(String orderId, OrderStatus target, DedupeId dedupe) {
        return new Step(new OrderId(orderId), target, dedupe, dedupe.messageId(), AT);
    }

    @Test
    void a_message_advances_the_order_once_and_its_redelivery_is_already_applied() {
        placeAcceptedOrder(store, "o-1");
        Step paid = step("o-1", OrderStatus.PAID, DedupeId.payment("evt_1"));
        assertThat(advancing.advance(paid))
                .isInstanceOfSatisfying(
                        Result.Advanced.class,
                        a -> assertThat(a.order().status()).isEqualTo(OrderStatus.PAID));
        assertThat(advancing.advance(paid)).isEqualTo(new Result.AlreadyApplied(DedupeId.payment("evt_1")));
        assertThat(store.outbox()).hasSize(2);
    }

    @Test
    void a_stale_message_is_marked_so_its_redelivery_is_already_applied() {
        placePaidOrder(store, "o-1");
        Step failed = step("o-1", OrderStatus.PAYMENT_FAILED, DedupeId.payment("evt_0"));
        assertThat(advancing.advance(failed))
                .isEqualTo(new Result.Stale(new OrderId("o-1"), OrderStatus.PAID, OrderStatus.PAYMENT_FAILED));
        assertThat(advancing.advance(failed)).isEqualTo(new Result.AlreadyApplied(DedupeId.payment("evt_0")));
    }

    @Test
    void a_fulfillment_state_for_an_unpaid_order_awaits_payment_and_leaves_no_mark() {
        placeAcceptedOrder(store, "o-1");
        Step shipped = step("o-1", OrderStatus.SHIPPED, DedupeId.fulfillment("e-1"));
        assertThat(advancing.advance(shipped))
                .isEqualTo(new Result.AwaitingPayment(new OrderId("o-1"), OrderStatus.ACCEPTED, OrderStatus.SHIPPED));
        assertThat(store.markProcessed(DedupeId.fulfillment("e-1")))
                .isEqualTo(dev.orders.domain.port.OrderStore.UpdateResult.UPDATED);
    }

    @Test
    void an_order_not_visible_yet_is_reported_and_nothing_is_marked() {
        assertThat(advancing.advance(step("o-9", OrderStatus.PAID, DedupeId.payment("evt_1"))))
                .isEqualTo(new Result.NotVisible(new OrderId("o-9")));
        placeAcceptedOrder(store, "o-9");
        assertThat(advancing.advance(step("o-9", OrderStatus.PAID, DedupeId.payment("evt_1"))))
                .isInstanceOf(Result.Advanced.class);
    }

    @Test
    void a_refusing_precondition_changes_nothing_and_marks_nothing() {
        placeAcceptedOrder(store, "o-1");
        Result result = advancing.advance(
                step("o-1", OrderStatus.PAID, DedupeId.payment("evt_1")), order -> Optional.of("wrong amount"));
        assertThat(result).isEqualTo(new Result.Refused("wrong amount"));
        assertThat(store.findOrder(new OrderId("o-1")).orElseThrow().status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(advancing.advance(step("o-1", OrderStatus.PAID, DedupeId.payment("evt_1"))))
                .isInstanceOf(Result.Advanced.class);
    }

    @Test
    void a_lost_write_reads_again_and_applies_on_the_fresh_version() {
        placePaidOrder(store, "o-1");
        InMemoryOrderStore racing = new InMemoryOrderStore() {
            private boolean raced;

            @Override
            public synchronized Optional<Order> findOrder(OrderId id) {
                Optional<Order> seen = store.findOrder(id);
                if (!raced) {
                    raced = true; // another writer moves the order right after our read
                    store.update(
                            (Order.Change) seen.orElseThrow().advance(OrderStatus.PICKED, "other", AT),
                            Optional.of(DedupeId.fulfillment("other")));
                }
                return seen;
            }

            @Override
            public synchronized UpdateResult update(Order.Change change, Optional<DedupeId> dedupeId) {
                return store.update(change, dedupeId);
            }
        };
        Result result =
                new AdvancingOrders(racing).advance(step("o-1", OrderStatus.SHIPPED, DedupeId.fulfillment("e-1")));
        assertThat(result)
                .isInstanceOfSatisfying(
                        Result.Advanced.class,
                        a -> assertThat(a.order().version()).isEqualTo(4));
    }

    @Test
    void dedupe_ids_keep_their_stored_form_and_never_collide_across_sources() {
        assertThat(DedupeId.payment("e-1").value()).isEqualTo("payment:e-1");
        assertThat(DedupeId.fulfillment("e-1").value()).isEqualTo("fulfillment:e-1");
        assertThat(DedupeId.payment("e-1")).isNotEqualTo(DedupeId.fulfillment("e-1"));
    }
}
