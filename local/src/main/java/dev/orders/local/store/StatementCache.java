package dev.orders.local.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One connection's prepared statements kept for reuse: sqlite-jdbc prepares every statement anew (parsing and planning
 * its SQL in native code), which a CPU profile of the stream put at 9–14 % of the runtime's CPU. The connection this
 * returns hands out, for {@code prepareStatement(sql)}, an idle statement of the same SQL if there is one, else a new
 * one; closing what it handed out clears its parameters and result and puts it back instead of finalizing it. A
 * statement in use is never handed out a second time (each is idle or held by one caller), and closing the connection
 * closes every statement it kept.
 */
final class StatementCache {

    /** Distinct SQL texts kept per connection; a statement of any other text is prepared and closed as before. */
    static final int MAX_TEXTS = 128;

    /** Idle statements kept per SQL text (more than one when the same SQL is open twice, as in a nested read). */
    static final int MAX_IDLE_PER_TEXT = 4;

    private final Connection connection;
    private final Map<String, Queue<PreparedStatement>> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private StatementCache(Connection connection) {
        this.connection = connection;
    }

    /** {@code connection} with its statements kept; closing the result closes them and the connection. */
    static Connection caching(Connection connection) {
        StatementCache cache = new StatementCache(connection);
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> cache.onConnection(method, args));
    }

    private Object onConnection(Method method, Object[] args) throws Throwable {
        if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
            return prepare((String) args[0]);
        }
        if (method.getName().equals("close") && (args == null || args.length == 0)) {
            close();
            return null;
        }
        return invoke(connection, method, args);
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        Queue<PreparedStatement> kept = idle.get(sql);
        PreparedStatement statement = kept == null ? null : kept.poll();
        if (statement == null) {
            statement = connection.prepareStatement(sql);
        }
        Lease lease = new Lease(sql, statement);
        return (PreparedStatement) Proxy.newProxyInstance(
                PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> lease.on(proxy, method, args));
    }

    /** One caller's use of a statement, from {@code prepareStatement} to {@code close}. */
    private final class Lease {
        private final String sql;
        private final PreparedStatement statement;
        private boolean returned;

        Lease(String sql, PreparedStatement statement) {
            this.sql = sql;
            this.statement = statement;
        }

        Object on(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    giveBack();
                    return null;
                }
                case "isClosed" -> {
                    return returned;
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return "cached statement: " + sql;
                }
                default -> {
                    if (returned) {
                        throw new SQLException("the statement is closed");
                    }
                    return invoke(statement, method, args);
                }
            }
        }

        private void giveBack() {
            if (returned) {
                return;
            }
            returned = true;
            try {
                ResultSet open = statement.getResultSet();
                if (open != null) {
                    open.close();
                }
                statement.clearParameters();
            } catch (SQLException unusable) {
                closeQuietly(statement);
                return;
            }
            if (closed || !keep(sql, statement)) {
                closeQuietly(statement);
            }
        }
    }

    private boolean keep(String sql, PreparedStatement statement) {
        Queue<PreparedStatement> kept = idle.get(sql);
        if (kept == null) {
            if (idle.size() >= MAX_TEXTS) {
                return false;
            }
            kept = idle.computeIfAbsent(sql, s -> new ConcurrentLinkedQueue<>());
        }
        if (kept.size() >= MAX_IDLE_PER_TEXT) {
            return false;
        }
        kept.add(statement);
        return true;
    }

    private void close() throws SQLException {
        closed = true;
        for (Queue<PreparedStatement> kept : idle.values()) {
            for (PreparedStatement statement; (statement = kept.poll()) != null; ) {
                closeQuietly(statement);
            }
        }
        connection.close();
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException ignored) {
            // closing: nothing left to protect
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
