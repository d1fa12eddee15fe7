package dev.orders.domain.testing;

import static dev.orders.domain.testing.Fixtures.alice;
import static dev.orders.domain.testing.Fixtures.bob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.domain.advancing.DedupeId;
import dev.orders.domain.money.Money;
import dev.orders.domain.order.CustomerId;
import dev.orders.domain.order.Dimensions;
import dev.orders.domain.order.LineItem;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.OrderStatus;
import dev.orders.domain.order.Receipt;
import dev.orders.domain.placing.IdempotencyKey;
import dev.orders.domain.placing.IdempotencyRecord;
import dev.orders.domain.placing.IdempotencyScope;
import dev.orders.domain.port.OrderStore;
import dev.orders.domain.port.OrderStore.PlaceResult;
import dev.orders.domain.port.OrderStore.UpdateResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Every rule of the {@link OrderStore} port, for every adapter: extend it and give a fresh store. Ids are
 * unique per test instance, so an adapter may share one table between tests.
 */
public abstract class OrderStoreContract {

    protected static final Instant NOON = Instant.parse("2026-11-27T12:00:00.123456789Z");
    private static final int RACERS = 12;

    private final String run =
            "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    /** The store under test; the same instance for the whole test method. */
    protected abstract OrderStore store();

    /** The ids of every event written to the store's outbox so far. */
    protected abstract Set<String> outboxEventIds();

    // ---- placing

    @Test
    void a_placed_order_and_its_idempotency_record_read_back_equal() {
        Order.Change accepted = accept("o1", alice());
        IdempotencyRecord record = record(alice(), "k1", accepted, NOON);

        assertThat(store().place(record, accepted)).isEqualTo(PlaceResult.PLACED);

        assertThat(store().findOrder(accepted.order().id())).contains(accepted.order());
        assertThat(store().findIdempotency(record.scope(), NOON)).contains(record);
        assertThat(outboxEventIds()).contains(accepted.event().eventId());
    }

    @Test
    void a_live_key_is_taken_and_nothing_of_the_second_order_is_written() {
        Order.Change first = accept("o1", alice());
        store().place(record(alice(), "k1", first, NOON), first);
        Order.Change second = accept("o2", alice());

        PlaceResult result = store().place(record(alice(), "k1", second, NOON.plusSeconds(60)), second);

        assertThat(result).isEqualTo(PlaceResult.KEY_TAKEN);
        assertThat(store().findOrder(second.order().id())).isEmpty();
        assertThat(outboxEventIds()).doesNotContain(second.event().eventId());
        assertThat(store().findIdempotency(scope(alice(), "k1"), NOON.plusSeconds(60))
                        .map(IdempotencyRecord::orderId))
                .contains(first.order().id());
    }

    @Test
    void a_key_is_remembered_until_just_before_it_expires() {
        Order.Change accepted = accept("o1", alice());
        IdempotencyRecord record = record(alice(), "k1", accepted, NOON);
        store().place(record, accepted);

        assertThat(store().findIdempotency(record.scope(), record.expiresAt().minusNanos(1)))
                .contains(record);
        assertThat(store().findIdempotency(record.scope(), record.expiresAt())).isEmpty();
    }

    @Test
    void an_expired_key_can_be_used_again_for_a_new_order() {
        Order.Change first = accept("o1", alice());
        IdempotencyRecord old = record(alice(), "k1", first, NOON);
        store().place(old, first);
        Order.Change second = accept("o2", alice());
        IdempotencyRecord renewed = record(alice(), "k1", second, old.expiresAt());

        assertThat(store().place(renewed, second)).isEqualTo(PlaceResult.PLACED);
        assertThat(store().findIdempotency(renewed.scope(), old.expiresAt())).contains(renewed);
        assertThat(store().findOrder(second.order().id())).contains(second.order());
    }

    @Test
    void an_order_id_that_exists_is_taken_and_the_key_stays_free() {
        Order.Change first = accept("o1", alice());
        store().place(record(alice(), "k1", first, NOON), first);
        Order.Change sameId = accept("o1", alice());

        PlaceResult result = store().place(record(alice(), "k2", sameId, NOON), sameId);

        assertThat(result).isEqualTo(PlaceResult.ORDER_ID_TAKEN);
        assertThat(store().findIdempotency(scope(alice(), "k2"), NOON)).isEmpty();
    }

    @Test
    void when_both_key_and_order_id_are_taken_the_key_is_reported() {
        Order.Change first = accept("o1", alice());
        store().place(record(alice(), "k1", first, NOON), first);

        assertThat(store().place(record(alice(), "k1", first, NOON), first)).isEqualTo(PlaceResult.KEY_TAKEN);
    }

    @Test
    void keys_are_scoped_to_the_caller() {
        Order.Change forAlice = accept("o1", alice());
        Order.Change forBob = accept("o2", bob());

        assertThat(store().place(record(alice(), "same", forAlice, NOON), forAlice))
                .isEqualTo(PlaceResult.PLACED);
        assertThat(store().place(record(bob(), "same", forBob, NOON), forBob)).isEqualTo(PlaceResult.PLACED);
        assertThat(store().findIdempotency(scope(bob(), "same"), NOON).map(IdempotencyRecord::orderId))
                .contains(forBob.order().id());
    }

    @Test
    void many_requests_racing_with_one_key_place_exactly_one_order() throws Exception {
        List<Callable<PlaceResult>> racers = new ArrayList<>();
        List<Order.Change> changes = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            Order.Change change = accept("race" + i, alice());
            changes.add(change);
            racers.add(() -> store().place(record(alice(), "race-key", change, NOON), change));
        }

        List<PlaceResult> results = race(racers);

        assertThat(results).filteredOn(PlaceResult.PLACED::equals).hasSize(1);
        assertThat(results).filteredOn(PlaceResult.KEY_TAKEN::equals).hasSize(RACERS - 1);
        assertThat(changes)
                .filteredOn(c -> store().findOrder(c.order().id()).isPresent())
                .hasSize(1);
    }

    // ---- updating

    @Test
    void an_update_at_the_next_version_is_stored_and_read_back_at_once() {
        Order.Change accepted = placed("o1");
        Order.Change paid = advance(accepted.order(), OrderStatus.PAID, "pay-1");
        Order.Change picked = advance(paid.order(), OrderStatus.PICKED, "pick-1");

        assertThat(store().update(paid, Optional.of(dedupe("pay-1")))).isEqualTo(UpdateResult.UPDATED);
        assertThat(store().findOrder(accepted.order().id())).contains(paid.order());
        assertThat(store().update(picked, Optional.empty())).isEqualTo(UpdateResult.UPDATED);
        assertThat(store().findOrder(accepted.order().id())).contains(picked.order());
        assertThat(outboxEventIds())
                .contains(paid.event().eventId(), picked.event().eventId());
    }

    @Test
    void an_update_from_a_stale_version_is_a_conflict_and_changes_nothing() {
        Order.Change accepted = placed("o1");
        Order.Change paid = advance(accepted.order(), OrderStatus.PAID, "pay-1");
        store().update(paid, Optional.empty());
        Order.Change staleFailed = advance(accepted.order(), OrderStatus.PAYMENT_FAILED, "fail-1");

        assertThat(store().update(staleFailed, Optional.of(dedupe("fail-1")))).isEqualTo(UpdateResult.VERSION_CONFLICT);
        assertThat(store().findOrder(accepted.order().id())).contains(paid.order());
        assertThat(outboxEventIds()).doesNotContain(staleFailed.event().eventId());
    }

    @Test
    void an_update_of_an_order_that_does_not_exist_is_a_conflict() {
        Order.Change neverPlaced = accept("ghost", alice());
        Order.Change paid = advance(neverPlaced.order(), OrderStatus.PAID, "pay-1");

        assertThat(store().update(paid, Optional.empty())).isEqualTo(UpdateResult.VERSION_CONFLICT);
        assertThat(store().findOrder(neverPlaced.order().id())).isEmpty();
    }

    @Test
    void a_replayed_message_is_a_duplicate_not_a_conflict() {
        Order.Change accepted = placed("o1");
        Order.Change paid = advance(accepted.order(), OrderStatus.PAID, "pay-1");
        store().update(paid, Optional.of(dedupe("pay-1")));

        assertThat(store().update(paid, Optional.of(dedupe("pay-1")))).isEqualTo(UpdateResult.DUPLICATE);
        assertThat(store().findOrder(accepted.order().id())).contains(paid.order());
    }

    @Test
    void a_dedupe_id_already_used_makes_a_fresh_change_a_duplicate() {
        Order.Change accepted = placed("o1");
        store().update(advance(accepted.order(), OrderStatus.PAID, "pay-1"), Optional.of(dedupe("evt-1")));
        Order.Change current = advance(accepted.order(), OrderStatus.PAID, "pay-1");
        Order.Change picked = advance(current.order(), OrderStatus.PICKED, "pick-1");

        assertThat(store().update(picked, Optional.of(dedupe("evt-1")))).isEqualTo(UpdateResult.DUPLICATE);
        assertThat(store().findOrder(accepted.order().id()).map(Order::status)).contains(OrderStatus.PAID);
        assertThat(outboxEventIds()).doesNotContain(picked.event().eventId());
    }

    @Test
    void a_conflicting_update_does_not_consume_its_dedupe_id() {
        Order.Change accepted = placed("o1");
        Order.Change paid = advance(accepted.order(), OrderStatus.PAID, "pay-1");
        store().update(paid, Optional.empty());
        Order.Change stale = advance(accepted.order(), OrderStatus.PAYMENT_FAILED, "pick-1");
        store().update(stale, Optional.of(dedupe("pick-1")));

        Order.Change retried = advance(paid.order(), OrderStatus.PICKED, "pick-1");
        assertThat(store().update(retried, Optional.of(dedupe("pick-1")))).isEqualTo(UpdateResult.UPDATED);
    }

    @Test
    void many_updates_racing_from_one_version_store_exactly_one() throws Exception {
        Order.Change accepted = placed("o1");
        List<Callable<UpdateResult>> racers = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            Order.Change paid = advance(accepted.order(), OrderStatus.PAID, "pay-" + i);
            DedupeId dedupe = dedupe("pay-" + i);
            racers.add(() -> store().update(paid, Optional.of(dedupe)));
        }

        List<UpdateResult> results = race(racers);

        assertThat(results).filteredOn(UpdateResult.UPDATED::equals).hasSize(1);
        assertThat(results).filteredOn(UpdateResult.VERSION_CONFLICT::equals).hasSize(RACERS - 1);
        assertThat(store().findOrder(accepted.order().id()).map(Order::version)).contains(2L);
    }

    // ---- marking processed

    @Test
    void a_message_marked_processed_is_a_duplicate_the_second_time() {
        assertThat(store().markProcessed(dedupe("m1"))).isEqualTo(UpdateResult.UPDATED);
        assertThat(store().markProcessed(dedupe("m1"))).isEqualTo(UpdateResult.DUPLICATE);
    }

    @Test
    void marking_processed_and_updating_share_one_ledger() {
        Order.Change accepted = placed("o1");
        store().markProcessed(dedupe("m1"));
        Order.Change paid = advance(accepted.order(), OrderStatus.PAID, "m1");

        assertThat(store().update(paid, Optional.of(dedupe("m1")))).isEqualTo(UpdateResult.DUPLICATE);
        store().update(paid, Optional.of(dedupe("m2")));
        assertThat(store().markProcessed(dedupe("m2"))).isEqualTo(UpdateResult.DUPLICATE);
    }

    // ---- reading and writing several at once

    @Test
    void several_orders_read_at_once_are_each_the_latest_and_a_missing_one_is_absent() {
        Order.Change first = placed("o1");
        Order.Change second = placed("o2");
        Order.Change paid = advance(second.order(), OrderStatus.PAID, "pay-2");
        store().update(paid, Optional.empty());
        OrderId ghost = new OrderId(id("ghost"));

        Map<OrderId, Order> found = store().findOrders(
                        List.of(first.order().id(), ghost, paid.order().id()));

        assertThat(found)
                .containsOnlyKeys(first.order().id(), paid.order().id())
                .containsEntry(first.order().id(), first.order())
                .containsEntry(paid.order().id(), paid.order());
    }

    @Test
    void writes_applied_together_are_each_stored_with_their_event_and_dedupe_mark_in_order() {
        Order.Change accepted = placed("o1");
        Order.Change paid = advance(accepted.order(), OrderStatus.PAID, "pay-1");
        Order.Change picked = advance(paid.order(), OrderStatus.PICKED, "pick-1");

        assertThat(store().apply(List.of(
                        new OrderStore.Write.Update(paid, dedupe("pay-1")),
                        new OrderStore.Write.Mark(dedupe("stale-1")),
                        new OrderStore.Write.Update(picked, dedupe("pick-1")))))
                .containsExactly(UpdateResult.UPDATED, UpdateResult.UPDATED, UpdateResult.UPDATED);
        assertThat(store().findOrder(accepted.order().id())).contains(picked.order());
        assertThat(outboxEventIds())
                .contains(paid.event().eventId(), picked.event().eventId());
        assertThat(store().markProcessed(dedupe("stale-1"))).isEqualTo(UpdateResult.DUPLICATE);
        assertThat(store().apply(List.of(new OrderStore.Write.Update(picked, dedupe("pick-1")))))
                .containsExactly(UpdateResult.DUPLICATE);
    }

    @Test
    void writes_applied_together_stop_after_the_first_refused_update_and_try_none_after_it() {
        Order.Change first = placed("o1");
        Order.Change second = placed("o2");
        Order.Change stale = advance(first.order(), OrderStatus.PAID, "pay-1");
        store().update(stale, Optional.empty());
        Order.Change conflicting = advance(first.order(), OrderStatus.PAYMENT_FAILED, "fail-1");
        Order.Change secondPaid = advance(second.order(), OrderStatus.PAID, "pay-2");
        store().markProcessed(dedupe("seen"));
        Order.Change secondFailed = advance(second.order(), OrderStatus.PAYMENT_FAILED, "seen");

        assertThat(store().apply(List.of(
                        new OrderStore.Write.Mark(dedupe("m-before")),
                        new OrderStore.Write.Update(conflicting, dedupe("fail-1")),
                        new OrderStore.Write.Update(secondPaid, dedupe("pay-2")),
                        new OrderStore.Write.Mark(dedupe("m-after")))))
                .containsExactly(UpdateResult.UPDATED, UpdateResult.VERSION_CONFLICT);
        assertThat(store().findOrder(second.order().id())).contains(second.order());
        assertThat(outboxEventIds())
                .doesNotContain(
                        conflicting.event().eventId(), secondPaid.event().eventId());
        // neither the refused write's dedupe id nor the untried writes' ids were consumed
        assertThat(store().markProcessed(dedupe("fail-1"))).isEqualTo(UpdateResult.UPDATED);
        assertThat(store().markProcessed(dedupe("m-after"))).isEqualTo(UpdateResult.UPDATED);

        assertThat(store().apply(List.of(
                        new OrderStore.Write.Update(secondFailed, dedupe("seen")),
                        new OrderStore.Write.Update(secondPaid, dedupe("pay-2")))))
                .containsExactly(UpdateResult.DUPLICATE);
        assertThat(store().findOrder(second.order().id())).contains(second.order());
    }

    // ---- receipts

    @Test
    void an_attached_receipt_is_stored_with_its_event_and_its_upload_is_applied_once() {
        Order.Change accepted = placed("o1");
        Receipt receipt = attachedReceipt("r1", "\"etag-1\"");
        Order.Change attached = accepted.order().attach(receipt, "receipt-1", NOON);
        DedupeId upload = DedupeId.receipt(receipt.objectKey(), receipt.etag());

        assertThat(store().update(attached, Optional.of(upload))).isEqualTo(UpdateResult.UPDATED);
        assertThat(store().update(attached, Optional.of(upload))).isEqualTo(UpdateResult.DUPLICATE);

        assertThat(store().findOrder(accepted.order().id())).contains(attached.order());
        assertThat(outboxEventIds()).contains(attached.event().eventId());
    }

    @Test
    void an_amended_order_is_stored_without_an_event_once_per_dedupe_id() {
        Order.Change accepted = placed("o1");
        Set<String> eventsBefore = outboxEventIds();
        Order noted = accepted.order()
                .withReceipt(Receipt.rejected(
                        "r1",
                        "receipts/" + id("o1") + "/r1",
                        "\"e\"",
                        0,
                        Optional.empty(),
                        "empty: the object has no bytes",
                        NOON));
        DedupeId upload = DedupeId.receipt("receipts/" + id("o1") + "/r1", "\"e\"");

        assertThat(store().amend(noted, upload)).isEqualTo(UpdateResult.UPDATED);
        assertThat(store().amend(noted, upload)).isEqualTo(UpdateResult.DUPLICATE);

        assertThat(store().findOrder(accepted.order().id())).contains(noted);
        assertThat(outboxEventIds()).isEqualTo(eventsBefore);
    }

    @Test
    void an_amendment_from_a_stale_version_is_a_conflict_and_keeps_its_dedupe_id_free() {
        Order.Change accepted = placed("o1");
        Order.Change paid = advance(accepted.order(), OrderStatus.PAID, "pay-1");
        store().update(paid, Optional.empty());
        Receipt rejected = Receipt.rejected(
                "r1", "receipts/" + id("o1") + "/r1", "\"e\"", 3, Optional.empty(), "not-an-image: text", NOON);
        DedupeId upload = DedupeId.receipt("receipts/" + id("o1") + "/r1", "\"e\"");

        assertThat(store().amend(accepted.order().withReceipt(rejected), upload))
                .isEqualTo(UpdateResult.VERSION_CONFLICT);
        assertThat(store().findOrder(accepted.order().id())).contains(paid.order());
        assertThat(store().amend(paid.order().withReceipt(rejected), upload)).isEqualTo(UpdateResult.UPDATED);
    }

    @Test
    void receipts_read_back_exactly_attached_and_rejected_in_their_order() {
        Order.Change accepted = placed("o1");
        Order.Change attached = accepted.order().attach(attachedReceipt("r1", "\"abc\""), "c1", NOON);
        store().update(attached, Optional.empty());
        Order noted = attached.order()
                .withReceipt(Receipt.rejected(
                        "r2",
                        "receipts/" + id("o1") + "/r2",
                        "\"def\"",
                        52,
                        Optional.of(new Dimensions(50_000, 50_000)),
                        "too-many-pixels: 50000 x 50000",
                        NOON.plusSeconds(1)));
        store().amend(noted, dedupe("r2"));

        assertThat(store().findOrder(accepted.order().id())).contains(noted);
        assertThat(noted.receipts()).extracting(Receipt::receiptId).containsExactly("r1", "r2");
    }

    // ---- fidelity

    @Test
    void an_order_reads_back_exactly_with_money_history_nanoseconds_and_its_contact() {
        Order.Change accepted = Order.accept(
                new OrderId(id("yen")),
                alice(),
                Optional.of(Fixtures.aliceEmail()),
                List.of(
                        new LineItem("SKU-1", 3, new Money(new BigDecimal("1200"), Currency.getInstance("JPY"))),
                        new LineItem("SKU 2/ü", 999, new Money(new BigDecimal("0"), Currency.getInstance("JPY")))),
                "key with spaces",
                NOON);
        store().place(record(alice(), "yen", accepted, NOON), accepted);
        Order.Change paid = advance(accepted.order(), OrderStatus.PAID, null);
        store().update(paid, Optional.empty());

        assertThat(store().findOrder(accepted.order().id())).contains(paid.order());
    }

    // ---- helpers

    private Receipt attachedReceipt(String receiptId, String etag) {
        return Receipt.attached(
                receiptId,
                "receipts/" + id("o1") + "/" + receiptId,
                etag,
                123_456,
                new Dimensions(1200, 1600),
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "thumbnails/" + id("o1") + "/" + receiptId + ".jpg",
                NOON);
    }

    /** A value unique to this test instance. */
    protected final String id(String name) {
        return run + "-" + name;
    }

    /** A dedupe id unique to this test instance. */
    protected final DedupeId dedupe(String name) {
        return DedupeId.payment(id(name));
    }

    private Order.Change accept(String orderId, CustomerId customer) {
        return Order.accept(
                new OrderId(id(orderId)),
                customer,
                List.of(
                        new LineItem("SKU-1", 2, new Money(new BigDecimal("12.50"), Currency.getInstance("EUR"))),
                        new LineItem("SKU-2", 1, new Money(new BigDecimal("5.00"), Currency.getInstance("EUR")))),
                "key",
                NOON);
    }

    private Order.Change placed(String orderId) {
        Order.Change accepted = accept(orderId, alice());
        assertThat(store().place(record(alice(), "k-" + orderId, accepted, NOON), accepted))
                .isEqualTo(PlaceResult.PLACED);
        return accepted;
    }

    private static Order.Change advance(Order order, OrderStatus next, String cause) {
        return (Order.Change) order.advance(next, cause, NOON.plus(Duration.ofMinutes(order.version())));
    }

    private IdempotencyScope scope(CustomerId caller, String key) {
        return new IdempotencyScope(caller, new IdempotencyKey(id(key)));
    }

    private IdempotencyRecord record(CustomerId caller, String key, Order.Change change, Instant now) {
        return new IdempotencyRecord(
                scope(caller, key),
                "fp-" + change.order().id().value(),
                change.order().id(),
                now,
                now.plus(IdempotencyRecord.TTL));
    }

    /** Starts every call at once, on its own thread, and collects the results. */
    private static <T> List<T> race(List<Callable<T>> calls) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
