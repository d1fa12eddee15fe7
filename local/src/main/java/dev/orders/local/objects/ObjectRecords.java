package dev.orders.local.objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.orders.functions.shared.Json;
import dev.orders.local.store.Database;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local S3's SQL: object metadata (the bodies are files) and the notifications waiting to be handed to Lambda,
 * written in the same transaction as the object they announce (nothing acknowledged to an uploader is left
 * unannounced, even across a kill -9).
 */
final class ObjectRecords {

    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {};

    private final Database db;

    ObjectRecords(Database db) {
        this.db = db;
        db.schema("""
                CREATE TABLE IF NOT EXISTS s3_objects (
                  bucket TEXT NOT NULL, object_key TEXT NOT NULL, file TEXT NOT NULL, size INTEGER NOT NULL,
                  etag TEXT NOT NULL, content_type TEXT NOT NULL, metadata TEXT NOT NULL, last_modified TEXT NOT NULL,
                  PRIMARY KEY (bucket, object_key))""", """
                CREATE TABLE IF NOT EXISTS s3_notifications (
                  seq INTEGER PRIMARY KEY AUTOINCREMENT, function_name TEXT NOT NULL, qualifier TEXT NOT NULL, payload BLOB NOT NULL,
                  delivered INTEGER NOT NULL DEFAULT 0)""", "CREATE INDEX IF NOT EXISTS s3_notifications_pending ON s3_notifications (delivered, seq)");
    }

    record Pending(long seq, String function, String qualifier, byte[] payload) {}

    Optional<StoredObject> find(String bucket, String key) {
        return db.queryFirst(
                "SELECT bucket, object_key, file, size, etag, content_type, metadata, last_modified FROM s3_objects "
                        + "WHERE bucket = ? AND object_key = ?",
                ObjectRecords::object,
                bucket,
                key);
    }

    /** Keys after {@code startAfter} beginning with {@code prefix}, in UTF-8 binary order (SQLite's default for TEXT). */
    List<StoredObject> list(String bucket, String prefix, String startAfter, int limit) {
        return db.query(
                "SELECT bucket, object_key, file, size, etag, content_type, metadata, last_modified FROM s3_objects "
                        + "WHERE bucket = ? AND substr(object_key, 1, length(?)) = ? AND object_key > ? ORDER BY object_key LIMIT ?",
                ObjectRecords::object,
                bucket,
                prefix,
                prefix,
                startAfter,
                limit);
    }

    /**
     * Stores {@code object} (replacing any object of that key) and, in the same transaction, the notifications it
     * causes. Answers the file of the object it replaced, which the caller deletes once this has committed.
     */
    Optional<String> put(StoredObject object, List<Pending> notifications) {
        return db.transaction(c -> {
            Optional<String> replaced = Database.queryFirst(
                    c,
                    "SELECT file FROM s3_objects WHERE bucket = ? AND object_key = ?",
                    rs -> rs.getString(1),
                    object.bucket(),
                    object.key());
            Database.update(
                    c,
                    "INSERT OR REPLACE INTO s3_objects VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    object.bucket(),
                    object.key(),
                    object.file(),
                    object.size(),
                    object.etag(),
                    object.contentType(),
                    json(object.metadata()),
                    object.lastModified().toString());
            for (Pending notification : notifications) {
                Database.update(
                        c,
                        "INSERT INTO s3_notifications (function_name, qualifier, payload) VALUES (?, ?, ?)",
                        notification.function(),
                        notification.qualifier(),
                        notification.payload());
            }
            return replaced;
        });
    }

    /** Removes the object's row; answers its file, which the caller deletes. */
    Optional<String> delete(String bucket, String key) {
        return db.transaction(c -> {
            Optional<String> file = Database.queryFirst(
                    c,
                    "SELECT file FROM s3_objects WHERE bucket = ? AND object_key = ?",
                    rs -> rs.getString(1),
                    bucket,
                    key);
            Database.update(c, "DELETE FROM s3_objects WHERE bucket = ? AND object_key = ?", bucket, key);
            return file;
        });
    }

    /** Every body file some object points at: what a start-up sweep must keep. */
    List<String> files() {
        return db.query("SELECT file FROM s3_objects", rs -> rs.getString(1));
    }

    long count(String bucket) {
        return db.queryFirst("SELECT COUNT(*) FROM s3_objects WHERE bucket = ?", rs -> rs.getLong(1), bucket)
                .orElse(0L);
    }

    List<Pending> pending(int limit) {
        return db.query(
                "SELECT seq, function_name, qualifier, payload FROM s3_notifications WHERE delivered = 0 ORDER BY seq LIMIT ?",
                rs -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4)),
                limit);
    }

    void delivered(long seq) {
        db.update("UPDATE s3_notifications SET delivered = 1 WHERE seq = ?", seq);
    }

    long pendingCount() {
        return db.queryFirst("SELECT COUNT(*) FROM s3_notifications WHERE delivered = 0", rs -> rs.getLong(1))
                .orElse(0L);
    }

    private static StoredObject object(java.sql.ResultSet rs) throws SQLException {
        return new StoredObject(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getLong(4),
                rs.getString(5),
                rs.getString(6),
                metadata(rs.getString(7)),
                Instant.parse(rs.getString(8)));
    }

    private static String json(Map<String, String> metadata) {
        try {
            return Json.internal().writeValueAsString(metadata);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Map<String, String> metadata(String json) {
        try {
            return Json.internal().readValue(json, METADATA);
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("stored object metadata is not JSON", corrupt);
        }
    }
}
