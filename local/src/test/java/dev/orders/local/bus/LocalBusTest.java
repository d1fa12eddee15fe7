package dev.orders.local.bus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.domain.money.Money;
import dev.orders.domain.order.CustomerId;
import dev.orders.domain.order.LineItem;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.OrderStatus;
import dev.orders.domain.testing.Fixtures.MutableClock;
import dev.orders.local.store.Database;
import dev.orders.local.store.Faults;
import dev.orders.local.store.Outbox;
import dev.orders.local.store.SqliteOrderStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBusTest {

    @TempDir
    Path dir;

    Database db;
    Outbox outbox;
    SqliteOrderStore store;
    MutableClock clock;
    LocalBus bus;
    OutboxRelay relay;

    @BeforeEach
    void open() {
        db = new Database(dir.resolve("bus.db"));
        outbox = new Outbox(db);
        store = new SqliteOrderStore(db, outbox, Faults.none());
        clock = new MutableClock(Instant.now());
        bus = new LocalBus(db, clock);
        relay = new OutboxRelay(outbox, bus);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Order accept(String id) {
        Order.Change accepted = Order.accept(
                new OrderId(id),
                new CustomerId("alice"),
                List.of(new LineItem(
                        "A", 1, Money.parse("1.00", Currency.getInstance("EUR")).orElseThrow())),
                "k-" + id,
                clock.instant());
        store.place(
                dev.orders.domain.placing.IdempotencyRecord.of(
                        new dev.orders.domain.placing.PlaceOrder(
                                new dev.orders.domain.placing.IdempotencyScope(
                                        new CustomerId("alice"),
                                        new dev.orders.domain.placing.IdempotencyKey("k-" + id)),
                                Optional.empty(),
                                new CustomerId("alice"),
                                accepted.order().items()),
                        accepted.order().id(),
                        clock.instant()),
                accepted);
        return accepted.order();
    }

    static final class Recording implements Target {
        final String name;
        final List<BusEvent> received = new ArrayList<>();
        int failuresLeft;

        Recording(String name, int failures) {
            this.name = name;
            this.failuresLeft = failures;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void deliver(BusEvent event) {
            if (failuresLeft-- > 0) {
                throw new IllegalStateException("target unavailable");
            }
            received.add(event);
        }
    }

    @Test
    void the_archive_holds_each_event_once_even_if_an_entry_is_published_twice() {
        accept("o-1");
        Outbox.Entry entry = outbox.unpublished(10).getFirst();
        bus.publish(outbox, entry);
        bus.publish(outbox, entry);
        assertThat(bus.archive(Optional.empty())).hasSize(1);
        assertThat(outbox.pendingCount()).isZero();
    }

    @Test
    void events_are_archived_in_commit_order_and_filtered_by_detail_type() {
        Order first = accept("o-1");
        accept("o-2");
        store.update(
                (Order.Change) first.advance(OrderStatus.PAID, "pay-1", clock.instant()),
                Optional.of(dev.orders.domain.advancing.DedupeId.payment("pay-1")));
        relay.drain();
        assertThat(bus.archive(Optional.empty()))
                .extracting(BusEvent::detailType)
                .containsExactly("OrderAccepted", "OrderAccepted", "OrderPaid");
        assertThat(bus.archive(Optional.of("OrderPaid"))).hasSize(1);
    }

    @Test
    void a_rule_delivers_matching_events_only() {
        Recording paid = new Recording("paid-target", 0);
        bus.addRule(new Rule(
                "paid-only",
                "{\"source\":[\"orders\"],\"detail-type\":[\"OrderPaid\"]}",
                List.of(new Rule.Binding(paid, Rule.RetryPolicy.DEFAULT, Optional.empty()))));
        Order order = accept("o-1");
        store.update(
                (Order.Change) order.advance(OrderStatus.PAID, "pay-1", clock.instant()),
                Optional.of(dev.orders.domain.advancing.DedupeId.payment("pay-1")));
        relay.drain();
        bus.deliverDue();
        assertThat(paid.received).extracting(BusEvent::detailType).containsExactly("OrderPaid");
        assertThat(bus.pendingDeliveries()).isZero();
    }

    @Test
    void a_failing_target_is_retried_with_backoff_until_it_succeeds() {
        Recording flaky = new Recording("flaky", 2);
        bus.addRule(new Rule(
                "all",
                "{\"source\":[\"orders\"]}",
                List.of(new Rule.Binding(flaky, Rule.RetryPolicy.DEFAULT, Optional.empty()))));
        accept("o-1");
        relay.drain();
        assertThat(bus.deliverDue()).isEqualTo(1);
        assertThat(bus.deliverDue()).as("not due again before the backoff").isZero();
        clock.advance(Duration.ofMinutes(2));
        bus.deliverDue();
        clock.advance(Duration.ofMinutes(2));
        bus.deliverDue();
        assertThat(flaky.received).hasSize(1);
        assertThat(bus.pendingDeliveries()).isZero();
    }

    @Test
    void retries_exhausted_send_the_event_to_the_dead_letter_target() {
        Recording broken = new Recording("broken", Integer.MAX_VALUE);
        Recording dlq = new Recording("dlq", 0);
        bus.addRule(new Rule(
                "all",
                "{\"source\":[\"orders\"]}",
                List.of(new Rule.Binding(broken, new Rule.RetryPolicy(2, Duration.ofHours(24)), Optional.of(dlq)))));
        accept("o-1");
        relay.drain();
        for (int attempt = 0; attempt < 3; attempt++) {
            bus.deliverDue();
            clock.advance(Duration.ofMinutes(2));
        }
        assertThat(dlq.received).hasSize(1);
        assertThat(bus.pendingDeliveries()).isZero();
    }

    @Test
    void an_event_older_than_the_maximum_age_goes_to_the_dead_letter_target() {
        Recording broken = new Recording("broken", Integer.MAX_VALUE);
        Recording dlq = new Recording("dlq", 0);
        bus.addRule(new Rule(
                "all",
                "{\"source\":[\"orders\"]}",
                List.of(new Rule.Binding(broken, new Rule.RetryPolicy(185, Duration.ofMinutes(1)), Optional.of(dlq)))));
        accept("o-1");
        relay.drain();
        bus.deliverDue();
        clock.advance(Duration.ofMinutes(5));
        bus.deliverDue();
        assertThat(dlq.received).hasSize(1);
    }

    @Test
    void deliveries_survive_a_restart() {
        Recording target = new Recording("t", 0);
        bus.addRule(new Rule(
                "all",
                "{\"source\":[\"orders\"]}",
                List.of(new Rule.Binding(target, Rule.RetryPolicy.DEFAULT, Optional.empty()))));
        accept("o-1");
        relay.drain();
        db.close();

        db = new Database(dir.resolve("bus.db"));
        bus = new LocalBus(db, clock);
        bus.addRule(new Rule(
                "all",
                "{\"source\":[\"orders\"]}",
                List.of(new Rule.Binding(target, Rule.RetryPolicy.DEFAULT, Optional.empty()))));
        bus.deliverDue();
        assertThat(target.received).hasSize(1);
    }
}
