package dev.orders.functions.shared;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Presigned access to the receipts bucket for a customer's browser: an upload form (a presigned POST, the only kind
 * of presigned upload whose policy can bound the size) and a short-lived download link. Both are signed by whoever
 * holds the function's credentials; neither needs a call to S3.
 */
public interface UploadLinks {

    /** A form that uploads exactly {@code key}, {@code minBytes}–{@code maxBytes} long, with a content type starting {@code contentTypePrefix}. */
    UploadForm uploadForm(String key, long minBytes, long maxBytes, String contentTypePrefix, Duration expiry);

    /** A presigned GET of {@code key}. */
    Link download(String key, Duration expiry);

    /** POST {@code fields} as multipart/form-data to {@code url}, the file as the last field ({@code file}). */
    record UploadForm(URI url, Map<String, String> fields, Instant expiresAt) {
        public UploadForm {
            Objects.requireNonNull(url, "url");
            fields = Map.copyOf(fields);
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    record Link(URI url, Instant expiresAt) {}

    /** For a handler wired without a bucket (a benchmark of the other routes): every call fails, which the API answers 503. */
    static UploadLinks unavailable() {
        return new UploadLinks() {
            @Override
            public UploadForm uploadForm(
                    String key, long minBytes, long maxBytes, String contentTypePrefix, Duration expiry) {
                throw new IllegalStateException("no receipts bucket is wired");
            }

            @Override
            public Link download(String key, Duration expiry) {
                throw new IllegalStateException("no receipts bucket is wired");
            }
        };
    }
}
