package dev.orders.local.asyncinvoke;

import dev.orders.local.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL behind {@link LocalAsyncInvocations}: one row per queued event, committed before the 202 is sent, deleted
 * only after the event's outcome (its destination record included) has been delivered. {@code in_flight} marks the
 * events a worker holds; a new process clears it, so whatever a crash interrupted runs again.
 */
final class AsyncEventStore {

    private static final String COLUMNS = """
            request_id, function, qualifier, payload, received_at, next_attempt_at, invocations, function_errors,
            system_failures, in_flight, last_status, last_version, last_function_error, last_payload""";

    private final Database db;

    AsyncEventStore(Database db) {
        this.db = db;
        db.schema(
                """
                CREATE TABLE IF NOT EXISTS lambda_async_events (
                  request_id TEXT PRIMARY KEY, function TEXT NOT NULL, qualifier TEXT, payload BLOB NOT NULL,
                  received_at INTEGER NOT NULL, next_attempt_at INTEGER NOT NULL, invocations INTEGER NOT NULL DEFAULT 0,
                  function_errors INTEGER NOT NULL DEFAULT 0, system_failures INTEGER NOT NULL DEFAULT 0,
                  in_flight INTEGER NOT NULL DEFAULT 0, last_status INTEGER, last_version TEXT, last_function_error TEXT,
                  last_payload BLOB)""",
                "CREATE INDEX IF NOT EXISTS lambda_async_events_due ON lambda_async_events (in_flight, next_attempt_at, received_at)");
        // A worker of an earlier process held these; it is gone, so they are due again.
        db.update("UPDATE lambda_async_events SET in_flight = 0 WHERE in_flight = 1");
    }

    void insert(String requestId, String function, Optional<String> qualifier, byte[] payload, long now) {
        db.update(
                "INSERT INTO lambda_async_events (request_id, function, qualifier, payload, received_at, next_attempt_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                requestId,
                function,
                qualifier.orElse(null),
                payload,
                now,
                now);
    }

    /** Due events no worker holds, oldest schedule first. */
    List<AsyncEvent> due(long now, int limit) {
        return db.query(
                "SELECT " + COLUMNS + " FROM lambda_async_events WHERE in_flight = 0 AND next_attempt_at <= ? "
                        + "ORDER BY next_attempt_at, received_at LIMIT ?",
                AsyncEventStore::event,
                now,
                limit);
    }

    /** Marks events held by a worker (one poller claims, so nothing else can have taken them meanwhile). */
    void hold(List<AsyncEvent> events) {
        db.transaction(c -> {
            for (AsyncEvent event : events) {
                Database.update(
                        c, "UPDATE lambda_async_events SET in_flight = 1 WHERE request_id = ?", event.requestId());
            }
            return null;
        });
    }

    /** When the next event no worker holds is due, if there is one. */
    Optional<Long> nextDue() {
        return db.queryFirst("SELECT MIN(next_attempt_at) FROM lambda_async_events WHERE in_flight = 0", rs -> {
            long next = rs.getLong(1);
            return rs.wasNull() ? null : next;
        });
    }

    /** The outcome of an attempt that leaves the event queued: counters, the last answer, the next try; released. */
    void reschedule(AsyncEvent event) {
        Optional<AsyncEvent.LastResponse> last = event.lastResponse();
        db.update(
                """
                UPDATE lambda_async_events SET next_attempt_at = ?, invocations = ?, function_errors = ?, system_failures = ?,
                  in_flight = 0, last_status = ?, last_version = ?, last_function_error = ?, last_payload = ?
                WHERE request_id = ?""",
                event.nextAttemptAt().toEpochMilli(),
                event.invocations(),
                event.functionErrors(),
                event.systemFailures(),
                last.map(AsyncEvent.LastResponse::status).orElse(null),
                last.map(AsyncEvent.LastResponse::executedVersion).orElse(null),
                last.flatMap(AsyncEvent.LastResponse::functionError).orElse(null),
                last.map(AsyncEvent.LastResponse::payload).orElse(null),
                event.requestId());
    }

    void delete(String requestId) {
        db.update("DELETE FROM lambda_async_events WHERE request_id = ?", requestId);
    }

    /** Queued events (of one function, or all), next due first. */
    List<AsyncEvent> pending(Optional<String> function, int limit) {
        return db.query(
                "SELECT " + COLUMNS + " FROM lambda_async_events WHERE ? IS NULL OR function = ? "
                        + "ORDER BY next_attempt_at, received_at LIMIT ?",
                AsyncEventStore::event,
                function.orElse(null),
                function.orElse(null),
                limit);
    }

    /** How many events each function has queued. */
    Map<String, Long> countsByFunction() {
        return db.transaction(c -> {
            Map<String, Long> counts = new java.util.TreeMap<>();
            Database.query(
                    c,
                    "SELECT function, COUNT(*) FROM lambda_async_events GROUP BY function",
                    rs -> counts.put(rs.getString(1), rs.getLong(2)));
            return counts;
        });
    }

    private static AsyncEvent event(ResultSet rs) throws SQLException {
        int status = rs.getInt("last_status");
        Optional<AsyncEvent.LastResponse> last = rs.wasNull()
                ? Optional.empty()
                : Optional.of(new AsyncEvent.LastResponse(
                        status,
                        rs.getString("last_version"),
                        Optional.ofNullable(rs.getString("last_function_error")),
                        orEmpty(rs.getBytes("last_payload"))));
        return new AsyncEvent(
                rs.getString("request_id"),
                rs.getString("function"),
                Optional.ofNullable(rs.getString("qualifier")),
                orEmpty(rs.getBytes("payload")),
                Instant.ofEpochMilli(rs.getLong("received_at")),
                Instant.ofEpochMilli(rs.getLong("next_attempt_at")),
                rs.getInt("invocations"),
                rs.getInt("function_errors"),
                rs.getInt("system_failures"),
                rs.getInt("in_flight") == 1,
                last);
    }

    private static byte[] orEmpty(byte[] bytes) {
        return bytes == null ? new byte[0] : bytes;
    }
}
