package dev.orders.local.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The local runtime's durable state: one SQLite file under the data folder, in WAL mode with
 * {@code synchronous=NORMAL}: a committed transaction is in the WAL file when the commit returns, so it
 * survives {@code kill -9}; only an operating-system crash or power loss may undo the last commits
 * (docs/decisions/0006-local-state-in-sqlite.md says why that is the right trade here).
 * One connection, one writer at a time: the local runtime's load is a developer's, and a single
 * writer makes every multi-table write trivially atomic.
 */
public final class Database implements AutoCloseable {

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    public Database(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA busy_timeout=5000");
            }
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the local database " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction: all of it commits, or none of it. */
    public <T> T transaction(Work<T> work) {
        lock.lock();
        try {
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback();
                throw e instanceof RuntimeException r ? r : new IllegalStateException("local database failure", e);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Creates tables that do not exist yet; each owner declares its own. */
    public void schema(String... statements) {
        transaction(c -> {
            try (Statement s = c.createStatement()) {
                for (String statement : statements) {
                    s.execute(statement);
                }
            }
            return null;
        });
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the original failure is the one worth reporting
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing at shutdown: nothing left to protect
        } finally {
            lock.unlock();
        }
    }
}
