package dev.orders.local.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.domain.placing.AcceptingOrders;
import dev.orders.domain.placing.PlacingOrderPolicy;
import dev.orders.domain.port.OrderStore;
import dev.orders.domain.testing.Fixtures;
import dev.orders.domain.testing.OrderStoreContract;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local store keeps the same contract as the DynamoDB adapter and the in-memory fake. */
class SqliteOrderStoreTest extends OrderStoreContract {

    @TempDir
    Path dir;

    Database db;
    Outbox outbox;
    SqliteOrderStore store;

    @BeforeEach
    void open() {
        db = new Database(dir.resolve("orders.db"));
        outbox = new Outbox(db);
        store = new SqliteOrderStore(db, outbox, Faults.none());
    }

    @AfterEach
    void close() {
        db.close();
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
    void what_was_committed_is_there_after_reopening() {
        placeSomething();
        long orders = store.orderCount();
        db.close();
        open();
        assertThat(store.orderCount()).isEqualTo(orders).isEqualTo(2);
        assertThat(outboxEventIds()).hasSize((int) orders);
    }

    private void placeSomething() {
        AcceptingOrders accepting =
                new AcceptingOrders(store, Fixtures.MutableClock.atNoon(), Fixtures.sequentialIds("reopen-"));
        for (String key : new String[] {"k1", "k2"}) {
            accepting.accept(((PlacingOrderPolicy.Verdict.Valid)
                            PlacingOrderPolicy.check(Fixtures.twoLineDraft(), Fixtures.alice(), Fixtures.key(key)))
                    .command());
        }
    }
}
