package dev.orders.local.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The local runtime's durable state: one SQLite file under the data folder, in WAL mode with
 * {@code synchronous=NORMAL}: a committed transaction is in the WAL file when the commit returns, so it
 * survives {@code kill -9}; only an operating-system crash or power loss may undo the last commits
 * (docs/decisions/0006-local-state-in-sqlite.md says why that is the right trade here).
 *
 * <p>One writer, several readers (docs/decisions/0050-store-readers-and-group-commit.md):
 * <ul>
 *   <li>{@link #transaction} runs on the one writer connection. Writes that arrive while another is being
 *   committed are committed together (group commit): whoever takes the writer runs every write queued so far,
 *   each in a savepoint of its own, then commits once and hands each caller its own result. A caller returns only
 *   after the commit that holds its write, so whatever it acknowledges is durable; one write failing rolls back
 *   its savepoint only.</li>
 *   <li>{@link #read} runs on a pooled read-only connection, beside the writer (WAL lets readers run while the
 *   writer writes). A read is one snapshot taken when it starts, so it sees every transaction committed before
 *   it started: what a strongly consistent read promises. A read made inside a transaction's work runs on the
 *   writer, so it sees that transaction's own writes.</li>
 * </ul>
 */
public final class Database implements AutoCloseable {

    /** Writes in one commit at most; a longer queue is committed by the next writer in turn. */
    static final int MAX_GROUP = 64;

    private final String url;
    private final Connection writer;
    /** What a transaction's work gets: the writer, except that it cannot end the transaction it shares. */
    private final Connection guarded;

    private final PreparedStatement savepoint;
    private final PreparedStatement release;
    private final PreparedStatement rollbackToSavepoint;
    private final ReentrantLock writing = new ReentrantLock();
    private final ConcurrentLinkedQueue<Write<?>> queued = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<Connection> idleReaders;
    private final AtomicInteger openReaders = new AtomicInteger();
    private final int maxReaders;
    private final int maxGroup;
    private volatile boolean closed;

    public Database(Path file) {
        // -Dorders.db.readers=0 -Dorders.db.group=1: the store as it was before issue 18, for side-by-side runs of the
        // bench
        this(
                file,
                Integer.getInteger(
                        "orders.db.readers", Math.max(4, Runtime.getRuntime().availableProcessors())),
                Integer.getInteger("orders.db.group", MAX_GROUP));
    }

    /**
     * With {@code maxReaders} 0 every read runs on the writer, and with {@code maxGroup} 1 every write commits alone:
     * the store as it was before issue 18, which the store's benchmark measures beside this one.
     */
    public Database(Path file, int maxReaders, int maxGroup) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            url = "jdbc:sqlite:" + file.toAbsolutePath();
            writer = open();
            try (Statement s = writer.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA busy_timeout=5000");
            }
            writer.setAutoCommit(false);
            savepoint = writer.prepareStatement("SAVEPOINT work");
            release = writer.prepareStatement("RELEASE work");
            rollbackToSavepoint = writer.prepareStatement("ROLLBACK TO work");
            guarded = guard(writer);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the local database " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.maxReaders = Math.max(0, maxReaders);
        this.maxGroup = Math.max(1, maxGroup);
        this.idleReaders = new ArrayBlockingQueue<>(Math.max(1, this.maxReaders));
    }

    @FunctionalInterface
    public interface Work<T> {
        /** Runs inside a transaction; never commits or rolls back itself: throwing undoes its writes. */
        T run(Connection connection) throws SQLException;
    }

    /**
     * The writer behind a proxy that refuses commit, rollback and the like: a work that ended its transaction itself
     * would commit or undo the other writes of its group. (Refusing a write is returning, or throwing, instead.)
     */
    private static Connection guard(Connection writer) {
        Set<String> refused =
                Set.of("commit", "rollback", "setAutoCommit", "setSavepoint", "releaseSavepoint", "close", "abort");
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (refused.contains(method.getName())) {
                        throw new IllegalStateException("a transaction's work cannot " + method.getName()
                                + " its transaction: return (or throw) instead");
                    }
                    try {
                        return method.invoke(writer, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** A write waiting for the writer, then its outcome. */
    private static final class Write<T> {
        final Work<T> work;
        final Thread caller = Thread.currentThread();
        T result;
        Throwable failure;
        volatile boolean done;

        Write(Work<T> work) {
            this.work = work;
        }

        void run(Connection c) {
            try {
                result = work.run(c);
            } catch (Throwable thrown) {
                failure = thrown;
            }
        }

        T outcome() {
            return switch (failure) {
                case null -> result;
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw new IllegalStateException("local database failure", failure);
            };
        }
    }

    /**
     * Runs {@code work} in one transaction: all of it commits, or none of it. Returns once it is committed
     * (maybe together with other callers' writes), with what {@code work} returned; rethrows what it threw.
     */
    public <T> T transaction(Work<T> work) {
        if (writing.isHeldByCurrentThread()) {
            throw new IllegalStateException("a transaction cannot open another one: use the connection it was given");
        }
        Write<T> write = new Write<>(work);
        queued.add(write);
        boolean interrupted = false;
        while (!write.done) {
            if (writing.tryLock()) {
                try {
                    if (!write.done) {
                        commitQueued();
                    }
                } finally {
                    writing.unlock();
                }
                wakeNextWriter();
            } else {
                // the writer's holder commits this write with its group, or wakes us to commit it ourselves
                LockSupport.park(this);
                // an interrupt does not abandon a write the writer may already hold: it is kept for the caller
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return write.outcome();
    }

    /** How many writes wait for the writer: for tests that line writes up into one group. */
    int queuedWrites() {
        return queued.size();
    }

    /** Whoever heads the queue takes the writer next (every thread that releases the writer calls this). */
    private void wakeNextWriter() {
        Write<?> next = queued.peek();
        if (next != null) {
            LockSupport.unpark(next.caller);
        }
    }

    /** The queued writes (at most {@link #MAX_GROUP}), each in its own savepoint, then one commit. */
    private void commitQueued() {
        List<Write<?>> group = new ArrayList<>();
        for (Write<?> w; group.size() < maxGroup && (w = queued.poll()) != null; ) {
            group.add(w);
        }
        try {
            if (closed) {
                throw new IllegalStateException("the local database is closed");
            }
            if (group.size() == 1) {
                // alone: no savepoint needed, its failure rolls back the whole transaction
                Write<?> alone = group.getFirst();
                alone.run(guarded);
                if (alone.failure == null) {
                    writer.commit();
                } else {
                    writer.rollback();
                }
                return;
            }
            for (Write<?> w : group) {
                savepoint.execute();
                w.run(guarded);
                if (w.failure != null) {
                    rollbackToSavepoint.execute();
                }
                release.execute();
            }
            writer.commit();
        } catch (SQLException | RuntimeException groupFailed) {
            // The commit (or a savepoint) failed: nothing of the group is durable, so every write of it fails.
            rollback();
            for (Write<?> w : group) {
                if (w.failure == null) {
                    w.failure = groupFailed;
                }
            }
        } finally {
            for (Write<?> w : group) {
                w.done = true;
                if (w.caller != Thread.currentThread()) {
                    LockSupport.unpark(w.caller);
                }
            }
        }
    }

    /**
     * Runs {@code work} as one read-only snapshot that holds every transaction committed before it started; on a
     * read connection of its own, so it neither waits for the writer nor delays it. Inside a transaction's work,
     * runs on that transaction's connection instead.
     */
    public <T> T read(Work<T> work) {
        if (maxReaders == 0 && !writing.isHeldByCurrentThread()) {
            return transaction(work);
        }
        if (writing.isHeldByCurrentThread()) {
            try {
                return work.run(guarded);
            } catch (SQLException e) {
                throw new IllegalStateException("local database failure", e);
            }
        }
        Connection reader = takeReader();
        try {
            T result = work.run(reader);
            reader.commit();
            giveBack(reader);
            return result;
        } catch (SQLException e) {
            discard(reader);
            throw new IllegalStateException("local database failure", e);
        } catch (RuntimeException | Error e) {
            discard(reader);
            throw e;
        }
    }

    private Connection takeReader() {
        if (closed) {
            throw new IllegalStateException("the local database is closed");
        }
        Connection idle = idleReaders.poll();
        if (idle != null) {
            return idle;
        }
        if (openReaders.incrementAndGet() <= maxReaders) {
            try {
                return openReader();
            } catch (SQLException e) {
                openReaders.decrementAndGet();
                throw new IllegalStateException("cannot open a read connection to the local database", e);
            }
        }
        openReaders.decrementAndGet();
        try {
            return idleReaders.take();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a read connection", interrupted);
        }
    }

    private Connection openReader() throws SQLException {
        Connection reader = open();
        try (Statement s = reader.createStatement()) {
            s.execute("PRAGMA query_only=1");
            s.execute("PRAGMA busy_timeout=5000");
        }
        reader.setAutoCommit(false);
        return reader;
    }

    /**
     * What every connection is opened with. sqlite-jdbc runs {@code SELECT last_insert_rowid()} after every
     * {@code INSERT} (a statement prepared anew each time) to fill {@code getGeneratedKeys}, which nothing here reads
     * (the stream's store asks {@code last_insert_rowid()} itself): turned off.
     */
    private static final SQLiteConfig CONNECTION = connectionConfig();

    private static SQLiteConfig connectionConfig() {
        SQLiteConfig config = new SQLiteConfig();
        config.setGetGeneratedKeys(false);
        return config;
    }

    /**
     * A connection that keeps its prepared statements ({@link StatementCache}); {@code -Dorders.db.statements=off}
     * prepares every statement anew, as before round five, for side-by-side runs of the bench.
     */
    private Connection open() throws SQLException {
        Connection connection = DriverManager.getConnection(url, CONNECTION.toProperties());
        return "off".equals(System.getProperty("orders.db.statements"))
                ? connection
                : StatementCache.caching(connection);
    }

    private void giveBack(Connection reader) {
        if (closed || !idleReaders.offer(reader)) {
            openReaders.decrementAndGet();
            closeQuietly(reader);
        }
    }

    /** A reader whose read failed is closed rather than reused: its snapshot may still be open. */
    private void discard(Connection reader) {
        openReaders.decrementAndGet();
        closeQuietly(reader);
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

    /** One query on a read connection: every row, mapped. */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        return read(c -> query(c, sql, mapper, args));
    }

    /** The first row of a query on a read connection, if there is one. */
    public <T> Optional<T> queryFirst(String sql, RowMapper<T> mapper, Object... args) {
        return read(c -> queryFirst(c, sql, mapper, args));
    }

    /** One statement inside a transaction {@link #transaction} opened. */
    public static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            return s.executeUpdate();
        }
    }

    /** One query inside a transaction or a read. */
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

    public static <T> Optional<T> queryFirst(Connection c, String sql, RowMapper<T> mapper, Object... args)
            throws SQLException {
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
                default ->
                    throw new IllegalArgumentException(
                            "cannot bind a " + args[i].getClass().getName() + " to SQL");
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
            writer.rollback();
        } catch (SQLException ignored) {
            // the original failure is the one worth reporting
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing: nothing left to protect
        }
    }

    /** Waits for the write in progress, closes the writer and every idle reader; a reader in use closes when given back. */
    @Override
    public void close() {
        closed = true;
        writing.lock();
        try {
            for (Connection reader; (reader = idleReaders.poll()) != null; ) {
                openReaders.decrementAndGet();
                closeQuietly(reader);
            }
            closeQuietly(writer);
        } finally {
            writing.unlock();
        }
        wakeNextWriter();
    }
}
