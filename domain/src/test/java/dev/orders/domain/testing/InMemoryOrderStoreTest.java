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

    @Override
    protected Set<String> outboxEventIds() {
        return store.outbox().stream().map(OrderEvent::eventId).collect(Collectors.toSet());
    }
}
