package dev.orders.local.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.bridge.wire.StoreWire;
import dev.orders.domain.money.Money;
import dev.orders.domain.order.LineItem;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.OrderStatus;
import dev.orders.domain.placing.IdempotencyKey;
import dev.orders.domain.placing.IdempotencyRecord;
import dev.orders.domain.placing.IdempotencyScope;
import dev.orders.domain.port.OrderStore;
import dev.orders.domain.testing.Fixtures;
import dev.orders.domain.testing.OrderStoreContract;
import dev.orders.functions.shared.Json;
import dev.orders.functions.shared.OrderJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A version's store port as it reaches the SQLite store: every call over {@link StoreWire}'s two ends, the runtime
 * end taking the store's document path ({@link StoreWire.Documents}: the stored document handed out as it is, the
 * version's rendering stored as it is). The port keeps the store's whole contract that way.
 */
class StoreWireDocumentsTest extends OrderStoreContract {

    @TempDir
    Path dir;

    Database db;
    Outbox outbox;
    SqliteOrderStore sqlite;
    OrderStore store;
    /** The last order document a call carried from the version's end. */
    final AtomicReference<String> sentDocument = new AtomicReference<>();

    @BeforeEach
    void open() {
        db = new Database(dir.resolve("orders.db"));
        outbox = new Outbox(db);
        sqlite = new SqliteOrderStore(db, outbox, Faults.none());
        store = StoreWire.client((operation, request) -> {
            JsonNode sent = readTree(request);
            if (sent.hasNonNull("order")) {
                sentDocument.set(sent.get("order").asText());
            }
            return StoreWire.serve(sqlite, operation, request);
        });
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static JsonNode readTree(byte[] json) {
        try {
            return Json.internal().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected OrderStore store() {
        return store;
    }

    @Override
    protected Set<String> outboxEventIds() {
        Set<String> ids = new HashSet<>();
        outbox.unpublished(10_000).forEach(entry -> ids.add(entry.event().eventId()));
        return ids;
    }

    @Test
    void the_document_a_version_rendered_is_what_is_stored_and_what_is_read_back() {
        Order.Change accepted = Order.accept(
                new OrderId(id("doc")),
                Fixtures.alice(),
                List.of(new LineItem("SKU-1", 2, new Money(new BigDecimal("12.50"), Currency.getInstance("EUR")))),
                "key",
                NOON);
        IdempotencyRecord record = new IdempotencyRecord(
                new IdempotencyScope(Fixtures.alice(), new IdempotencyKey(id("k"))),
                "fingerprint",
                accepted.order().id(),
                NOON,
                NOON.plus(Duration.ofHours(24)));
        assertThat(store.place(record, accepted)).isEqualTo(OrderStore.PlaceResult.PLACED);
        assertThat(sqlite.findOrderDocument(accepted.order().id())).contains(sentDocument.get());

        Order.Change paid = (Order.Change) accepted.order().advance(OrderStatus.PAID, "pay-1", NOON.plusSeconds(60));
        assertThat(store.update(paid, Optional.empty())).isEqualTo(OrderStore.UpdateResult.UPDATED);
        assertThat(sqlite.findOrderDocument(accepted.order().id())).contains(sentDocument.get());
        assertThat(sentDocument.get()).isEqualTo(OrderJson.toDocument(paid.order()));
        assertThat(store.findOrder(accepted.order().id())).contains(paid.order());
        assertThat(sqlite.findOrder(accepted.order().id())).contains(paid.order());
    }

    @Test
    void an_order_that_does_not_exist_reads_back_empty_on_both_paths() {
        assertThat(sqlite.findOrderDocument(new OrderId(id("missing")))).isEmpty();
        assertThat(store.findOrder(new OrderId(id("missing")))).isEmpty();
    }

    private Order.Change placedPaid(String name) {
        Order.Change accepted = Order.accept(
                new OrderId(id(name)),
                Fixtures.alice(),
                List.of(new LineItem("SKU-1", 2, new Money(new BigDecimal("12.50"), Currency.getInstance("EUR")))),
                "key",
                NOON);
        IdempotencyRecord record = new IdempotencyRecord(
                new IdempotencyScope(Fixtures.alice(), new IdempotencyKey(id("k-" + name))),
                "fingerprint",
                accepted.order().id(),
                NOON,
                NOON.plus(Duration.ofHours(24)));
        assertThat(store.place(record, accepted)).isEqualTo(OrderStore.PlaceResult.PLACED);
        return accepted;
    }

    @Test
    void writes_applied_over_the_wire_store_the_order_and_event_documents_the_version_rendered() {
        Order.Change accepted = placedPaid("applied");
        Order.Change paid = (Order.Change) accepted.order().advance(OrderStatus.PAID, "pay-1", NOON.plusSeconds(60));

        assertThat(store.apply(List.of(new OrderStore.Write.Update(paid, dedupe("pay-1")))))
                .containsExactly(OrderStore.UpdateResult.UPDATED);

        assertThat(sqlite.findOrderDocument(paid.order().id())).contains(OrderJson.toDocument(paid.order()));
        assertThat(outbox.unpublished(10_000))
                .filteredOn(entry -> entry.event().eventId().equals(paid.event().eventId()))
                .singleElement()
                .satisfies(entry -> assertThat(entry.event()).isEqualTo(paid.event()));
    }

    @Test
    void an_applied_write_whose_status_is_not_one_is_refused_and_nothing_of_the_request_is_written() {
        Order.Change accepted = placedPaid("bad-status");
        Order.Change paid = (Order.Change) accepted.order().advance(OrderStatus.PAID, "pay-1", NOON.plusSeconds(60));
        OrderStore tampering = StoreWire.client((operation, request) -> StoreWire.serve(
                sqlite,
                operation,
                new String(request, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("\"status\":\"PAID\"", "\"status\":\"TELEPORTED\"")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tampering.apply(List.of(
                        new OrderStore.Write.Mark(dedupe("mark-first")),
                        new OrderStore.Write.Update(paid, dedupe("pay-1")))))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(store.findOrder(accepted.order().id())).contains(accepted.order());
        assertThat(store.markProcessed(dedupe("mark-first"))).isEqualTo(OrderStore.UpdateResult.UPDATED);
    }
}
