package dev.orders.domain.testing;

import dev.orders.domain.order.OrderEvent;
import dev.orders.domain.port.OrderStore;

import java.util.Set;
import java.util.stream.Collectors;

/** The fake the use-case tests rely on keeps the same contract as the real adapters. */
class InMemoryOrderStoreTest extends OrderStoreContract {

    private final InMemoryOrderStore store = new InMemoryOrderStore();

    @Override
    protected OrderStore store() {
        return store;
    }

    @org.junit.jupiter.api.Test
    void a_bounded_store_forgets_everything_once_full_and_keeps_working() {
        InMemoryOrderStore bounded = InMemoryOrderStore.forgettingAfter(2);
        dev.orders.domain.placing.AcceptingOrders accepting = new dev.orders.domain.placing.AcceptingOrders(
                bounded, Fixtures.MutableClock.atNoon(), Fixtures.sequentialIds("b-"));
        for (String key : new String[] {"k1", "k2", "k3"}) {
            accepting.accept(((dev.orders.domain.placing.PlacingOrderPolicy.Verdict.Valid) dev.orders.domain.placing.PlacingOrderPolicy
                    .check(Fixtures.twoLineDraft(), Fixtures.alice(), Fixtures.key(key))).command());
        }
        org.assertj.core.api.Assertions.assertThat(bounded.orderCount()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(bounded.outbox()).hasSize(1);
    }

    @Override
    protected Set<String> outboxEventIds() {
        return store.outbox().stream().map(OrderEvent::eventId).collect(Collectors.toSet());
    }
}
