package dev.orders.local.objects;

import dev.orders.functions.receipts.ReceiptObjects;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Receipts function's bucket port on the local S3, in process: the same operations its AWS adapter makes (GetObject
 * with If-Match to a file, PutObject from a file, CopyObject with If-Match and replaced metadata, DeleteObject), with
 * the same outcomes, without the HTTP in between.
 */
public final class LocalReceiptObjects implements ReceiptObjects {

    private final LocalS3 s3;
    private final String bucket;

    public LocalReceiptObjects(LocalS3 s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public Optional<Stored> download(String key, String etag, Path target) throws IOException {
        Optional<StoredObject> object = s3.head(bucket, key).filter(o -> LocalS3.etagMatches(etag, o.etag()));
        if (object.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = s3.open(object.get(), 0, object.get().size())) {
            Files.copy(in, target);
        } catch (java.nio.file.NoSuchFileException replacedMeanwhile) {
            return Optional.empty();
        }
        return Optional.of(
                new Stored(object.get().size(), Optional.of(object.get().contentType())));
    }

    @Override
    public void put(String key, Path file, String contentType) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            s3.put(
                    bucket,
                    key,
                    in,
                    0,
                    LocalS3.MAX_PUT_BYTES,
                    new LocalS3.Attributes(contentType, Map.of()),
                    "ObjectCreated:Put",
                    Optional.empty());
        }
    }

    @Override
    public void quarantine(String key, String etag, String quarantineKey, Map<String, String> metadata) {
        Optional<StoredObject> source = s3.head(bucket, key).filter(o -> LocalS3.etagMatches(etag, o.etag()));
        if (source.isEmpty()) {
            return;
        }
        Map<String, String> all = new LinkedHashMap<>(source.get().metadata());
        all.putAll(metadata);
        try {
            s3.copy(
                    bucket,
                    key,
                    Optional.of(etag),
                    bucket,
                    quarantineKey,
                    Optional.of(new LocalS3.Attributes(source.get().contentType(), all)));
        } catch (S3Error gone) {
            if (gone.status() == 404 || gone.status() == 412) {
                return;
            }
            throw gone;
        }
        s3.delete(bucket, key);
    }
}
