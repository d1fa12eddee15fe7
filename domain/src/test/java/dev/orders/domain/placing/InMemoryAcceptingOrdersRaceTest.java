package dev.orders.domain.placing;

import dev.orders.domain.port.OrderStore;
import dev.orders.domain.testing.AcceptingOrdersRaceContract;
import dev.orders.domain.testing.InMemoryOrderStore;

class InMemoryAcceptingOrdersRaceTest extends AcceptingOrdersRaceContract {

    private final InMemoryOrderStore store = new InMemoryOrderStore();

    @Override
    protected OrderStore store() {
        return store;
    }

    @Override
    protected int rounds() {
        return 200;
    }
}
