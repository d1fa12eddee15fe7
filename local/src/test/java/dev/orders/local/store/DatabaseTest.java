package dev.orders.local.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer with group commit, readers beside it: what each caller is promised. */
class DatabaseTest {

    @TempDir
    Path dir;

    private Database db;

    @BeforeEach
    void open() {
        db = new Database(dir.resolve("test.db"));
        db.schema("CREATE TABLE items (name TEXT PRIMARY KEY)");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private List<String> names() {
        return db.query("SELECT name FROM items ORDER BY name", row -> row.getString(1));
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            assertThat(latch.await(60, TimeUnit.SECONDS)).as("latch released").isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<Integer> insert(Database db, String name) {
        return CompletableFuture.supplyAsync(
                () -> db.update("INSERT INTO items VALUES (?)", name), Thread::startVirtualThread);
    }

    @Test
    void writes_queued_behind_a_transaction_commit_together_and_a_failing_one_undoes_only_itself() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch hold = new CountDownLatch(1);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(
                () -> db.transaction(c -> {
                    Database.update(c, "INSERT INTO items VALUES ('first')");
                    inside.countDown();
                    waitFor(hold);
                    return 1;
                }),
                Thread::startVirtualThread);
        waitFor(inside);
        // lined up one after the other behind the held writer: they are committed as one group, in this order
        CompletableFuture<Integer> second = insert(db, "second");
        await().until(() -> db.queuedWrites() == 1);
        CompletableFuture<Integer> duplicate = CompletableFuture.supplyAsync(
                () -> db.transaction(c -> {
                    Database.update(c, "INSERT INTO items VALUES ('half-done')");
                    return Database.update(
                            c, "INSERT INTO items VALUES ('second')"); // violates the key: this write fails
                }),
                Thread::startVirtualThread);
        await().until(() -> db.queuedWrites() == 2);
        CompletableFuture<Integer> third = insert(db, "third");
        await().until(() -> db.queuedWrites() == 3);
        hold.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).isOne();
        assertThat(second.get(30, TimeUnit.SECONDS)).isOne();
        assertThat(third.get(30, TimeUnit.SECONDS)).isOne();
        assertThat(duplicate)
                .failsWithin(30, TimeUnit.SECONDS)
                .withThrowableThat()
                .havingRootCause()
                .withMessageContaining("UNIQUE");
        assertThat(names())
                .as("the failed write's own insert was undone, the others of its group kept")
                .containsExactly("first", "second", "third");
    }

    @Test
    void a_write_is_committed_when_transaction_returns() {
        db.update("INSERT INTO items VALUES ('kept')");
        try (Database other = new Database(dir.resolve("test.db"))) {
            assertThat(other.query("SELECT name FROM items", row -> row.getString(1)))
                    .containsExactly("kept");
        }
    }

    @Test
    void a_read_runs_beside_a_write_in_progress_and_sees_only_what_was_committed() throws Exception {
        db.update("INSERT INTO items VALUES ('committed')");
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch hold = new CountDownLatch(1);
        CompletableFuture<Object> writing = CompletableFuture.supplyAsync(
                () -> db.transaction(c -> {
                    Database.update(c, "INSERT INTO items VALUES ('uncommitted')");
                    inside.countDown();
                    waitFor(hold);
                    return null;
                }),
                Thread::startVirtualThread);
        waitFor(inside);

        CompletableFuture<List<String>> read = CompletableFuture.supplyAsync(this::names, Thread::startVirtualThread);
        assertThat(read.get(30, TimeUnit.SECONDS))
                .as("read while the writer is held")
                .containsExactly("committed");

        hold.countDown();
        writing.get(30, TimeUnit.SECONDS);
        assertThat(names()).containsExactly("committed", "uncommitted");
    }

    @Test
    void a_read_inside_a_transaction_sees_its_own_writes() {
        List<String> seen = db.transaction(c -> {
            Database.update(c, "INSERT INTO items VALUES ('mine')");
            return db.read(r -> Database.query(r, "SELECT name FROM items", row -> row.getString(1)));
        });
        assertThat(seen).containsExactly("mine");
    }

    @Test
    void a_work_cannot_end_the_transaction_it_shares_and_its_writes_are_undone() {
        assertThatThrownBy(() -> db.transaction(c -> {
                    Database.update(c, "INSERT INTO items VALUES ('x')");
                    c.commit();
                    return null;
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot commit");
        assertThatThrownBy(() -> db.transaction(c -> {
                    c.rollback();
                    return null;
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot rollback");
        assertThat(names()).isEmpty();
    }

    @Test
    void a_transaction_cannot_open_another_one() {
        assertThatThrownBy(() -> db.transaction(c -> db.update("INSERT INTO items VALUES ('nested')")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot open another");
        assertThat(names()).isEmpty();
    }

    @Test
    void a_read_connection_cannot_write() {
        assertThatThrownBy(() -> db.read(c -> Database.update(c, "INSERT INTO items VALUES ('sneaky')")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(names()).isEmpty();
    }

    @Test
    void after_close_every_call_fails_with_a_clear_message() {
        db.close();
        assertThatThrownBy(() -> db.update("INSERT INTO items VALUES ('late')")).hasMessageContaining("closed");
        assertThatThrownBy(this::names).hasMessageContaining("closed");
    }

    @Test
    void no_connection_fetches_generated_keys_after_an_insert() {
        Boolean writer = db.transaction(c -> c.unwrap(org.sqlite.SQLiteConnection.class)
                .getConnectionConfig()
                .isGetGeneratedKeys());
        Boolean reader = db.read(c -> c.unwrap(org.sqlite.SQLiteConnection.class)
                .getConnectionConfig()
                .isGetGeneratedKeys());
        assertThat(writer).isFalse();
        assertThat(reader).isFalse();
        db.update("INSERT INTO items VALUES (?)", "a");
        assertThat(names()).containsExactly("a");
    }
}
