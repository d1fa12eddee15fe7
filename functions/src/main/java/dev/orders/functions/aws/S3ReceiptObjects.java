package dev.orders.functions.aws;

import dev.orders.functions.receipts.ReceiptObjects;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The receipts bucket on S3 (SDK v2): GetObject conditional on the event's ETag (If-Match) streamed to a file,
 * PutObject from a file, and the quarantine move as HeadObject + CopyObject (If-Match, metadata replaced with the
 * object's own plus the reason) + DeleteObject.
 */
public final class S3ReceiptObjects implements ReceiptObjects {

    private final S3Client s3;
    private final String bucket;

    public S3ReceiptObjects(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public Optional<Stored> download(String key, String etag, Path target) {
        try {
            GetObjectResponse response = s3.getObject(
                    b -> b.bucket(bucket).key(key).ifMatch(quoted(etag)), ResponseTransformer.toFile(target));
            return Optional.of(new Stored(response.contentLength(), Optional.ofNullable(response.contentType())));
        } catch (S3Exception e) {
            if (gone(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void put(String key, Path file, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromFile(file));
    }

    @Override
    public void quarantine(String key, String etag, String quarantineKey, Map<String, String> metadata) {
        HeadObjectResponse head;
        try {
            head = s3.headObject(b -> b.bucket(bucket).key(key).ifMatch(quoted(etag)));
        } catch (S3Exception e) {
            if (gone(e)) {
                return;
            }
            throw e;
        }
        Map<String, String> all = new LinkedHashMap<>(head.metadata());
        all.putAll(metadata);
        try {
            s3.copyObject(b -> b.sourceBucket(bucket)
                    .sourceKey(key)
                    .copySourceIfMatch(quoted(etag))
                    .destinationBucket(bucket)
                    .destinationKey(quarantineKey)
                    .metadataDirective(MetadataDirective.REPLACE)
                    .metadata(all)
                    .contentType(head.contentType()));
        } catch (S3Exception e) {
            if (gone(e)) {
                return;
            }
            throw e;
        }
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    /** SnapStart priming: a HEAD of a key that is never written (404, or 403 without s3:ListBucket; both are fine). */
    void prime() {
        try {
            s3.headObject(b -> b.bucket(bucket).key("receipts/snapstart-priming/none"));
        } catch (S3Exception expected) {
            // the request path is loaded either way
        }
    }

    /** 404: no such key; 412: the key holds another version now (a newer upload). */
    private static boolean gone(S3Exception e) {
        return e.statusCode() == 404 || e.statusCode() == 412;
    }

    private static String quoted(String etag) {
        return etag.startsWith("\"") ? etag : "\"" + etag + "\"";
    }
}
