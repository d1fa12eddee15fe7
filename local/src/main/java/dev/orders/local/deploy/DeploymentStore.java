package dev.orders.local.deploy;

import dev.orders.local.store.Database;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Deployments and their progress lines in the platform's database, so {@code ./orders deployments} lists past ones
 * after a restart.
 */
public final class DeploymentStore {

    /** One progress line of a run. */
    public record Event(long seq, Instant at, String line) {}

    private final Database db;

    DeploymentStore(Database db) {
        this.db = db;
        db.schema("""
                CREATE TABLE IF NOT EXISTS deployments (
                  id TEXT PRIMARY KEY, run TEXT NOT NULL, function TEXT NOT NULL, from_version TEXT NOT NULL,
                  to_version TEXT NOT NULL, type TEXT NOT NULL, status TEXT NOT NULL, phase TEXT NOT NULL, weight TEXT NOT NULL,
                  rolled_back INTEGER NOT NULL, reason TEXT NOT NULL, started TEXT NOT NULL, ended TEXT, time_scale TEXT NOT NULL,
                  faults TEXT NOT NULL, new_invocations INTEGER NOT NULL, new_errors INTEGER NOT NULL,
                  old_invocations INTEGER NOT NULL, old_errors INTEGER NOT NULL)""", """
                CREATE TABLE IF NOT EXISTS deployment_events (
                  run TEXT NOT NULL, seq INTEGER NOT NULL, at TEXT NOT NULL, line TEXT NOT NULL, PRIMARY KEY (run, seq))""");
    }

    /** Deployments a stopped platform left in progress. */
    List<DeploymentRecord> interrupted() {
        return list(Optional.empty(), Integer.MAX_VALUE).stream()
                .filter(DeploymentRecord::inProgress)
                .toList();
    }

    void put(DeploymentRecord d) {
        db.update(
                "INSERT INTO deployments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                        + "status = excluded.status, phase = excluded.phase, weight = excluded.weight, rolled_back = excluded.rolled_back, "
                        + "reason = excluded.reason, ended = excluded.ended, new_invocations = excluded.new_invocations, "
                        + "new_errors = excluded.new_errors, old_invocations = excluded.old_invocations, old_errors = excluded.old_errors",
                d.id(),
                d.run(),
                d.function(),
                d.fromVersion(),
                d.toVersion(),
                d.type(),
                d.status(),
                d.phase(),
                String.valueOf(d.weight()),
                d.rolledBack(),
                d.reason(),
                d.started().toString(),
                d.ended().map(Instant::toString).orElse(null),
                String.valueOf(d.timeScale()),
                d.faults(),
                d.newInvocations(),
                d.newErrors(),
                d.oldInvocations(),
                d.oldErrors());
    }

    /** Newest first; {@code run} empty for all. */
    List<DeploymentRecord> list(Optional<String> run, int limit) {
        String where = run.isPresent() ? " WHERE run = ?" : "";
        Object[] args = run.isPresent() ? new Object[] {run.get(), limit} : new Object[] {limit};
        return db.query(
                "SELECT id, run, function, from_version, to_version, type, status, phase, weight, rolled_back, reason, started, "
                        + "ended, time_scale, faults, new_invocations, new_errors, old_invocations, old_errors FROM deployments"
                        + where
                        + " ORDER BY started DESC, function LIMIT ?",
                rs -> new DeploymentRecord(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        Double.parseDouble(rs.getString(9)),
                        rs.getInt(10) != 0,
                        rs.getString(11),
                        Instant.parse(rs.getString(12)),
                        Optional.ofNullable(rs.getString(13)).map(Instant::parse),
                        Double.parseDouble(rs.getString(14)),
                        rs.getString(15),
                        rs.getLong(16),
                        rs.getLong(17),
                        rs.getLong(18),
                        rs.getLong(19)),
                args);
    }

    void event(String run, long seq, Instant at, String line) {
        db.update("INSERT INTO deployment_events VALUES (?, ?, ?, ?)", run, seq, at.toString(), line);
    }

    List<Event> events(String run, long after) {
        return db.query(
                "SELECT seq, at, line FROM deployment_events WHERE run = ? AND seq > ? ORDER BY seq",
                rs -> new Event(rs.getLong(1), Instant.parse(rs.getString(2)), rs.getString(3)),
                run,
                after);
    }
}
