package dev.orders.functions.receipts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The receipts bucket as the Receipts function uses it. Bodies move between the bucket and files, never whole in
 * memory. Every failure of the bucket itself is thrown, so the invocation fails and Lambda retries it.
 */
public interface ReceiptObjects {

    /**
     * Streams the object into {@code target}, only if it is still the version {@code etag} names (unquoted, as S3
     * events carry it): empty when the object is gone or was overwritten by a newer upload since the event.
     */
    Optional<Stored> download(String key, String etag, Path target) throws IOException;

    /** Writes {@code file} as {@code key}. */
    void put(String key, Path file, String contentType) throws IOException;

    /**
     * Moves the object version {@code etag} to {@code quarantineKey} with {@code metadata} (the rejection reason) added
     * to its own; a no-op when the source is gone (an earlier attempt moved it).
     */
    void quarantine(String key, String etag, String quarantineKey, Map<String, String> metadata) throws IOException;

    /** What S3 said about the object it streamed: its length and declared content type (absent if none was set). */
    record Stored(long size, Optional<String> contentType) {}
}
