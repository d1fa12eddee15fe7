package dev.orders.local.objects;

import java.util.Map;

/** An error S3 answers, with its code, HTTP status and message ({@code <Error><Code/><Message/>…}), and extra elements. */
public final class S3Error extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, String> details;

    public S3Error(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public S3Error(int status, String code, String message, Map<String, String> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = Map.copyOf(details);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Elements S3 adds to some errors: {@code MaxSizeAllowed}, {@code ProposedSize}, {@code Key}, {@code BucketName}. */
    public Map<String, String> details() {
        return details;
    }

    static S3Error accessDenied(String message) {
        return new S3Error(403, "AccessDenied", message);
    }

    static S3Error noSuchKey(String key) {
        return new S3Error(404, "NoSuchKey", "The specified key does not exist.", Map.of("Key", key));
    }

    static S3Error noSuchBucket(String bucket) {
        return new S3Error(404, "NoSuchBucket", "The specified bucket does not exist", Map.of("BucketName", bucket));
    }

    static S3Error invalidArgument(String message) {
        return new S3Error(400, "InvalidArgument", message);
    }

    static S3Error preconditionFailed() {
        return new S3Error(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
    }
}
