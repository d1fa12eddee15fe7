package dev.orders.domain.advancing;

import static dev.orders.domain.testing.FulfillmentFixtures.placeAcceptedOrder;
import static dev.orders.domain.testing.FulfillmentFixtures.placePaidOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.domain.advancing.AdvancingOrders.Result;
import dev.orders.domain.advancing.AdvancingOrders.Step;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderEvent;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.OrderStatus;
import dev.orders.domain.port.OrderStore.UpdateResult;
import dev.orders.domain.testing.InMemoryOrderStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link AdvancingOrders#advanceAll}: the results and the store of advancing one by one, with fewer store calls. */
class AdvancingOrdersBatchTest {

    private static final Instant AT = Instant.parse("2026-11-27T13:00:00Z");
    private static final List<OrderStatus> FULFILLMENT =
            List.of(OrderStatus.PICKED, OrderStatus.SHIPPED, OrderStatus.DELIVERED);

    private static Step step(String orderId, OrderStatus target, String eventId) {
        return new Step(new OrderId(orderId), target, DedupeId.fulfillment(eventId), eventId, AT);
    }

    /** Counts the calls that cross the port. */
    private static final class CountingStore extends InMemoryOrderStore {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Map<OrderId, Order> findOrders(Collection<OrderId> ids) {
            calls.incrementAndGet();
            Map<OrderId, Order> found = new HashMap<>();
            ids.forEach(id -> super.findOrder(id).ifPresent(order -> found.put(id, order)));
            return found;
        }

        @Override
        public synchronized List<UpdateResult> apply(List<Write> writes) {
            calls.incrementAndGet();
            return super.apply(writes);
        }

        @Override
        public synchronized Optional<Order> findOrder(OrderId id) {
            return super.findOrder(id);
        }
    }

    @Test
    void a_shards_batch_of_many_orders_takes_one_read_and_one_write_and_moves_each_order_in_its_order() {
        CountingStore store = new CountingStore();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            placePaidOrder(store, "o-" + i);
        }
        for (OrderStatus status : FULFILLMENT) {
            for (int i = 0; i < 10; i++) {
                steps.add(step("o-" + i, status, "e-" + i + "-" + status));
            }
        }

        List<Result> results = new AdvancingOrders(store).advanceAll(steps);

        assertThat(results).hasSize(30).allMatch(Result.Advanced.class::isInstance);
        assertThat(store.calls).hasValue(2);
        for (int i = 0; i < 10; i++) {
            String id = "o-" + i;
            assertThat(store.findOrder(new OrderId(id)).orElseThrow().status()).isEqualTo(OrderStatus.DELIVERED);
            assertThat(store.outbox().stream()
                            .filter(e -> e.orderId().value().equals(id))
                            .map(OrderEvent::detailType))
                    .containsExactly("OrderAccepted", "OrderPaid", "OrderPicked", "OrderShipped", "OrderDelivered");
        }
    }

    @Test
    void a_record_delivered_twice_in_one_batch_is_applied_once() {
        InMemoryOrderStore store = new InMemoryOrderStore();
        placePaidOrder(store, "o-1");
        List<Result> results = new AdvancingOrders(store)
                .advanceAll(List.of(
                        step("o-1", OrderStatus.PICKED, "e-1"),
                        step("o-1", OrderStatus.PICKED, "e-1"),
                        step("o-1", OrderStatus.SHIPPED, "e-2")));

        assertThat(results).hasSize(3);
        assertThat(results.get(0)).isInstanceOf(Result.Advanced.class);
        assertThat(results.get(1)).isEqualTo(new Result.AlreadyApplied(DedupeId.fulfillment("e-1")));
        assertThat(results.get(2)).isInstanceOf(Result.Advanced.class);
        assertThat(store.outbox()).extracting(OrderEvent::detailType).containsOnlyOnce("OrderPicked");
    }

    @Test
    void the_steps_after_an_order_not_visible_are_not_tried() {
        InMemoryOrderStore store = new InMemoryOrderStore();
        placePaidOrder(store, "o-1");
        List<Result> results = new AdvancingOrders(store)
                .advanceAll(List.of(
                        step("o-1", OrderStatus.PICKED, "e-1"),
                        step("o-9", OrderStatus.PICKED, "e-9"),
                        step("o-1", OrderStatus.SHIPPED, "e-2")));

        assertThat(results).hasSize(2);
        assertThat(results.get(1)).isEqualTo(new Result.NotVisible(new OrderId("o-9")));
        assertThat(store.findOrder(new OrderId("o-1")).orElseThrow().status()).isEqualTo(OrderStatus.PICKED);
        assertThat(store.markProcessed(DedupeId.fulfillment("e-2"))).isEqualTo(UpdateResult.UPDATED);
    }

    @Test
    void a_writer_that_moves_an_order_between_the_read_and_the_write_is_read_again_not_overwritten() {
        InMemoryOrderStore store = new InMemoryOrderStore() {
            private boolean interfered;

            @Override
            public synchronized List<UpdateResult> apply(List<Write> writes) {
                if (!interfered) {
                    interfered = true;
                    // another writer picks o-1 (its own event) after the batch read it
                    Order read = findOrder(new OrderId("o-1")).orElseThrow();
                    update((Order.Change) read.advance(OrderStatus.PICKED, "other", AT), Optional.empty());
                }
                return super.apply(writes);
            }
        };
        placePaidOrder(store, "o-1");
        placePaidOrder(store, "o-2");
        List<Result> results = new AdvancingOrders(store)
                .advanceAll(List.of(
                        step("o-2", OrderStatus.PICKED, "e-0"),
                        step("o-1", OrderStatus.PICKED, "e-1"),
                        step("o-1", OrderStatus.SHIPPED, "e-2"),
                        step("o-2", OrderStatus.SHIPPED, "e-3")));

        assertThat(results.get(0)).isInstanceOf(Result.Advanced.class);
        assertThat(results.get(1))
                .isEqualTo(new Result.Stale(new OrderId("o-1"), OrderStatus.PICKED, OrderStatus.PICKED));
        assertThat(results.get(2)).isInstanceOf(Result.Advanced.class);
        assertThat(results.get(3)).isInstanceOf(Result.Advanced.class);
        assertThat(store.outbox())
                .filteredOn(e -> e.orderId().value().equals("o-1"))
                .extracting(OrderEvent::detailType)
                .containsExactly("OrderAccepted", "OrderPaid", "OrderPicked", "OrderShipped");
    }

    /**
     * The rule itself: for many mixed batches (several orders, redeliveries, stale and out-of-order records, unpaid and
     * missing orders), advancing together gives each step the result advancing it alone gives, and leaves the same store.
     */
    @Test
    void advancing_together_equals_advancing_one_by_one_for_mixed_batches() {
        Random random = new Random(18);
        for (int round = 0; round < 300; round++) {
            InMemoryOrderStore together = new InMemoryOrderStore();
            InMemoryOrderStore alone = new InMemoryOrderStore();
            int orders = 1 + random.nextInt(4);
            for (int i = 0; i < orders; i++) {
                boolean paid = random.nextInt(5) > 0;
                for (InMemoryOrderStore store : List.of(together, alone)) {
                    if (paid) {
                        placePaidOrder(store, "o-" + i);
                    } else {
                        placeAcceptedOrder(store, "o-" + i);
                    }
                }
            }
            List<Step> steps = new ArrayList<>();
            int size = 1 + random.nextInt(12);
            for (int s = 0; s < size; s++) {
                int order = random.nextInt(orders + 1); // orders + 1: a missing one now and then
                OrderStatus status = FULFILLMENT.get(random.nextInt(3));
                // a small event-id space: redeliveries of the same event come up often
                steps.add(step("o-" + order, status, "e-" + order + "-" + status + "-" + random.nextInt(2)));
            }
            // some events were seen before the batch
            for (Step seen : steps) {
                if (random.nextInt(8) == 0) {
                    together.markProcessed(seen.dedupeId());
                    alone.markProcessed(seen.dedupeId());
                }
            }

            List<Result> batched = new AdvancingOrders(together).advanceAll(steps);
            List<Result> expected = new ArrayList<>();
            AdvancingOrders oneByOne = new AdvancingOrders(alone);
            for (Step step : steps) {
                Result result = oneByOne.advance(step);
                expected.add(result);
                if (result instanceof Result.NotVisible || result instanceof Result.Contended) {
                    break;
                }
            }

            assertThat(batched).as("round %d: %s", round, steps).isEqualTo(expected);
            assertThat(state(together)).as("round %d", round).isEqualTo(state(alone));
        }
    }

    private static Map<String, String> state(InMemoryOrderStore store) {
        Map<String, String> state = new TreeMap<>();
        for (int i = 0; i < 5; i++) {
            String id = "o-" + i;
            store.findOrder(new OrderId(id)).ifPresent(o -> state.put(id, o.status() + "@" + o.version()));
            state.put(
                    id + " events",
                    store.outbox().stream()
                            .filter(e -> e.orderId().value().equals(id))
                            .map(OrderEvent::detailType)
                            .toList()
                            .toString());
        }
        return state;
    }
}
