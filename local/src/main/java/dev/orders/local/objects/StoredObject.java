package dev.orders.local.objects;

import java.time.Instant;
import java.util.Map;

/**
 * One object's metadata as the local S3 keeps it: where its body is ({@code file}, under the data folder), its length,
 * its ETag (quoted, as S3 returns it), its content type and user metadata ({@code x-amz-meta-*}, names lower-cased).
 */
public record StoredObject(
        String bucket,
        String key,
        String file,
        long size,
        String etag,
        String contentType,
        Map<String, String> metadata,
        Instant lastModified) {

    public StoredObject {
        metadata = Map.copyOf(metadata);
    }

    /** The ETag without its quotes, as S3 event notifications carry it. */
    public String bareEtag() {
        return etag.length() >= 2 && etag.startsWith("\"") ? etag.substring(1, etag.length() - 1) : etag;
    }
}
