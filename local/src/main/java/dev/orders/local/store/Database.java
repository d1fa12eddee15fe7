package dev.orders.local.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    /** Maps the current row of a result set to a value. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** One statement in its own transaction: the number of rows it changed. */
    public int update(String sql, Object... args) {
        return transaction(c -> update(c, sql, args));
    }

    /** One query in its own transaction: every row, mapped. */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        return transaction(c -> query(c, sql, mapper, args));
    }

    /** The first row of a query, if there is one. */
    public <T> Optional<T> queryFirst(String sql, RowMapper<T> mapper, Object... args) {
        return transaction(c -> queryFirst(c, sql, mapper, args));
    }

    /** One statement inside a transaction {@link #transaction} opened. */
    public static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            return s.executeUpdate();
        }
    }

    /** One query inside a transaction {@link #transaction} opened. */
    public static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
            return rows;
        }
    }

    public static <T> Optional<T> queryFirst(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.ofNullable(mapper.map(rs)) : Optional.empty();
            }
        }
    }

    /** Binds positional arguments by their Java type: text, whole numbers, blobs and null. */
    private static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            int at = i + 1;
            switch (args[i]) {
                case null -> s.setNull(at, java.sql.Types.NULL);
                case String text -> s.setString(at, text);
                case Long number -> s.setLong(at, number);
                case Integer number -> s.setInt(at, number);
                case Boolean flag -> s.setInt(at, flag ? 1 : 0);
                case byte[] bytes -> s.setBytes(at, bytes);
                default -> throw new IllegalArgumentException("cannot bind a " + args[i].getClass().getName() + " to SQL");
            }
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
