package dev.orders.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.placing.AcceptingOrders;
import dev.orders.domain.placing.AcceptingOrders.Outcome;
import dev.orders.domain.placing.OrderDraft;
import dev.orders.domain.placing.PlaceOrder;
import dev.orders.domain.placing.PlacingOrderPolicy;
import dev.orders.domain.port.OrderStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The same request sent twice at once (a client's parallel retry) is answered with one order, on every store:
 * 202 once, 200 with that order for the rest, never 409. Extend it with a fresh store, as {@link OrderStoreContract}.
 */
public abstract class AcceptingOrdersRaceContract {

    /** How many clients send the request at once in the parallel test (issue 10's reproduction). */
    protected static final int PARALLEL = 30;

    private final String run =
            "r" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    protected abstract OrderStore store();

    /** Rounds of the parallel test; {@code -Dorders.race.rounds=N} overrides it for a long run by hand. */
    protected abstract int rounds();

    private PlaceOrder command(String key, String orderId) {
        OrderDraft draft = orderId == null ? Fixtures.twoLineDraft() : Fixtures.draftWithOrderId(orderId);
        return ((PlacingOrderPolicy.Verdict.Valid) PlacingOrderPolicy.check(draft, Fixtures.alice(), Fixtures.key(key)))
                .command();
    }

    private AcceptingOrders accepting(OrderStore store, String idPrefix) {
        return new AcceptingOrders(store, Clock.systemUTC(), Fixtures.sequentialIds(run + "-" + idPrefix + "-"));
    }

    @ParameterizedTest(name = "competitor commits {0}")
    @EnumSource(Interleaving.Point.class)
    void a_competitor_with_the_same_key_and_order_id_committing_mid_request_is_a_replay_not_a_conflict(
            Interleaving.Point point) {
        PlaceOrder command = command(run + "-k-" + point, run + "-o-" + point);
        List<Outcome> competitor = new ArrayList<>();
        Interleaving racing = new Interleaving(
                store(),
                point,
                () -> competitor.add(accepting(store(), "winner").accept(command)));

        Outcome loser = accepting(racing, "loser").accept(command);

        assertThat(racing.competitorRan()).isTrue();
        Order winners = ((Outcome.Accepted) competitor.getFirst()).order();
        assertThat(loser).isEqualTo(new Outcome.Replayed(winners));
    }

    @ParameterizedTest(name = "competitor commits {0}")
    @EnumSource(Interleaving.Point.class)
    void a_competitor_with_the_same_key_and_no_order_id_committing_mid_request_is_a_replay_of_its_order(
            Interleaving.Point point) {
        PlaceOrder command = command(run + "-g-" + point, null);
        List<Outcome> competitor = new ArrayList<>();
        Interleaving racing = new Interleaving(
                store(),
                point,
                () -> competitor.add(accepting(store(), "winner").accept(command)));

        Outcome loser = accepting(racing, "loser").accept(command);

        Order winners = ((Outcome.Accepted) competitor.getFirst()).order();
        assertThat(loser).isEqualTo(new Outcome.Replayed(winners));
        assertThat(store().findOrder(new OrderId(run + "-loser-1"))).isEmpty();
    }

    @Test
    void another_key_committing_the_same_order_id_mid_request_is_still_a_conflict() {
        String orderId = run + "-taken";
        Interleaving racing = new Interleaving(
                store(),
                Interleaving.Point.BEFORE_FIRST_PLACE,
                () -> accepting(store(), "other").accept(command(run + "-other-key", orderId)));

        Outcome loser = accepting(racing, "loser").accept(command(run + "-my-key", orderId));

        assertThat(loser).isEqualTo(new Outcome.OrderIdTaken(new OrderId(orderId)));
    }

    @Test
    void thirty_parallel_requests_with_one_key_and_one_order_id_get_one_order_every_round() throws Exception {
        int rounds = Integer.getInteger("orders.race.rounds", rounds());
        ExecutorService clients = Executors.newFixedThreadPool(PARALLEL);
        try {
            for (int round = 0; round < rounds; round++) {
                PlaceOrder command = command(run + "-p-" + round, run + "-po-" + round);
                AcceptingOrders accepting = accepting(store(), "p" + round);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Outcome>> answers = new ArrayList<>();
                for (int i = 0; i < PARALLEL; i++) {
                    answers.add(clients.submit(() -> {
                        start.await();
                        return accepting.accept(command);
                    }));
                }
                start.countDown();
                List<Outcome> outcomes = new ArrayList<>();
                for (Future<Outcome> answer : answers) {
                    outcomes.add(answer.get());
                }
                assertThat(outcomes)
                        .as("round %d of %d", round + 1, rounds)
                        .allSatisfy(o -> assertThat(o).isInstanceOfAny(Outcome.Accepted.class, Outcome.Replayed.class));
                assertThat(outcomes)
                        .as("round %d", round + 1)
                        .filteredOn(Outcome.Accepted.class::isInstance)
                        .hasSize(1);
                assertThat(outcomes.stream()
                                .map(AcceptingOrdersRaceContract::orderId)
                                .distinct())
                        .as("round %d", round + 1)
                        .containsExactly(new OrderId(run + "-po-" + round));
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static OrderId orderId(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Accepted accepted -> accepted.order().id();
            case Outcome.Replayed replayed -> replayed.order().id();
            default -> throw new AssertionError("not an order: " + outcome);
        };
    }
}
