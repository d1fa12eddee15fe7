package dev.orders.bench.warm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.domain.placing.AcceptingOrders;
import dev.orders.domain.placing.PlacingOrderPolicy;
import dev.orders.domain.testing.Fixtures;
import org.junit.jupiter.api.Test;

class ForgetfulOrderStoreTest {

    @Test
    void a_full_store_starts_afresh_and_keeps_working() {
        ForgetfulOrderStore bounded = new ForgetfulOrderStore(2);
        AcceptingOrders accepting =
                new AcceptingOrders(bounded, Fixtures.MutableClock.atNoon(), Fixtures.sequentialIds("b-"));
        for (String key : new String[] {"k1", "k2", "k3"}) {
            var outcome = accepting.accept(((PlacingOrderPolicy.Verdict.Valid)
                            PlacingOrderPolicy.check(Fixtures.twoLineDraft(), Fixtures.alice(), Fixtures.key(key)))
                    .command());
            assertThat(outcome).isInstanceOf(AcceptingOrders.Outcome.Accepted.class);
        }
        assertThat(bounded.orderCount()).isEqualTo(1);
    }
}
