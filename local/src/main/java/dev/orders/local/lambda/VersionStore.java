package dev.orders.local.lambda;

import dev.orders.local.store.Database;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Published versions and aliases in the local database, so a restart keeps them. Version numbers are never reused,
 * as in Lambda: a counter per function remembers the highest ever published, deleted ones included.
 */
final class VersionStore {

    /** A version as kept: its code (folder names under the data folder), when, why, and its configuration (JSON). */
    record Row(
            String function,
            int number,
            String codeHex,
            String codeSha256,
            long codeSize,
            String runtimeHex,
            Instant published,
            String description,
            String configuration) {}

    record AliasRow(String function, String name, String version, String weights, String revisionId) {}

    private final Database db;

    VersionStore(Database db) {
        this.db = db;
        db.schema("""
                CREATE TABLE IF NOT EXISTS lambda_versions (
                  function TEXT NOT NULL, version INTEGER NOT NULL, code_hex TEXT NOT NULL, code_sha256 TEXT NOT NULL,
                  code_size INTEGER NOT NULL, runtime_hex TEXT NOT NULL, published TEXT NOT NULL, description TEXT NOT NULL,
                  configuration TEXT NOT NULL, PRIMARY KEY (function, version))""", """
                CREATE TABLE IF NOT EXISTS lambda_version_counters (function TEXT PRIMARY KEY, last INTEGER NOT NULL)""", """
                CREATE TABLE IF NOT EXISTS lambda_aliases (
                  function TEXT NOT NULL, name TEXT NOT NULL, version TEXT NOT NULL, weights TEXT NOT NULL,
                  revision_id TEXT NOT NULL, PRIMARY KEY (function, name))""");
    }

    /** Publishes the next number for {@code row.function()} (the row's own number is ignored) and returns it. */
    Row publish(Row row) {
        return db.transaction(c -> {
            int last = Database.queryFirst(
                            c,
                            "SELECT last FROM lambda_version_counters WHERE function = ?",
                            rs -> rs.getInt(1),
                            row.function())
                    .orElse(0);
            int number = last + 1;
            Database.update(
                    c,
                    "INSERT INTO lambda_version_counters (function, last) VALUES (?, ?) "
                            + "ON CONFLICT (function) DO UPDATE SET last = excluded.last",
                    row.function(),
                    number);
            Database.update(
                    c,
                    "INSERT INTO lambda_versions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    row.function(),
                    number,
                    row.codeHex(),
                    row.codeSha256(),
                    row.codeSize(),
                    row.runtimeHex(),
                    row.published().toString(),
                    row.description(),
                    row.configuration());
            return new Row(
                    row.function(),
                    number,
                    row.codeHex(),
                    row.codeSha256(),
                    row.codeSize(),
                    row.runtimeHex(),
                    row.published(),
                    row.description(),
                    row.configuration());
        });
    }

    List<Row> versions(String function) {
        return db.query(
                "SELECT function, version, code_hex, code_sha256, code_size, runtime_hex, published, description, configuration "
                        + "FROM lambda_versions WHERE function = ? ORDER BY version",
                rs -> new Row(
                        rs.getString(1),
                        rs.getInt(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getLong(5),
                        rs.getString(6),
                        Instant.parse(rs.getString(7)),
                        rs.getString(8),
                        rs.getString(9)),
                function);
    }

    void delete(String function, int number) {
        db.update("DELETE FROM lambda_versions WHERE function = ? AND version = ?", function, number);
    }

    List<AliasRow> aliases(String function) {
        return db.query(
                "SELECT function, name, version, weights, revision_id FROM lambda_aliases WHERE function = ? ORDER BY name",
                rs -> new AliasRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                function);
    }

    Optional<AliasRow> alias(String function, String name) {
        return aliases(function).stream().filter(a -> a.name().equals(name)).findFirst();
    }

    void putAlias(AliasRow alias) {
        db.update(
                "INSERT INTO lambda_aliases VALUES (?, ?, ?, ?, ?) ON CONFLICT (function, name) DO UPDATE SET "
                        + "version = excluded.version, weights = excluded.weights, revision_id = excluded.revision_id",
                alias.function(),
                alias.name(),
                alias.version(),
                alias.weights(),
                alias.revisionId());
    }
}
