package dev.orders.bench.warm;

import dev.orders.domain.testing.OrderStoreContract;
import dev.orders.domain.port.OrderStore;

import java.util.Set;

/** The warm benchmark's store keeps the port's contract, so the handler under measurement takes its real paths. */
class RecentOrdersStoreTest extends OrderStoreContract {

    private final RecentOrdersStore store = new RecentOrdersStore();

    @Override
    protected OrderStore store() {
        return store;
    }

    @Override
    protected Set<String> outboxEventIds() {
        return store.outboxEventIds();
    }
}
