package dev.orders.local.store;

import dev.orders.domain.port.OrderStore;
import dev.orders.domain.testing.AcceptingOrdersRaceContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A parallel retry of one request is answered with one order on the local store (issue 10's 409): each store
 * call is its own transaction, so a competitor can commit between a request's look-up and its write. Run the
 * parallel test for longer by hand with {@code -Dorders.race.rounds=1000}.
 */
class SqliteAcceptingOrdersRaceTest extends AcceptingOrdersRaceContract {

    @TempDir
    Path dir;

    private Database db;
    private SqliteOrderStore store;

    @BeforeEach
    void open() {
        db = new Database(dir.resolve("orders.db"));
        store = new SqliteOrderStore(db, new Outbox(db), Faults.none());
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
    protected int rounds() {
        return 50;
    }
}
