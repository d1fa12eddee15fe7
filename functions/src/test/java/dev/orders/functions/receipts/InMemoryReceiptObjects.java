package dev.orders.functions.receipts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** The bucket as the function sees it, in memory: ETags as S3 computes them for a single-part upload (MD5, hex). */
public final class InMemoryReceiptObjects implements ReceiptObjects {

    public record StoredObject(byte[] body, String contentType, String etag, Map<String, String> metadata) {}

    private final Map<String, StoredObject> objects = new HashMap<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    /** Uploads {@code body} as {@code key} and answers its ETag (unquoted, as an S3 event carries it). */
    public synchronized String upload(String key, byte[] body, String contentType) {
        String etag = md5(body);
        objects.put(key, new StoredObject(body.clone(), contentType, etag, Map.of()));
        return etag;
    }

    public synchronized Optional<StoredObject> get(String key) {
        return Optional.ofNullable(objects.get(key));
    }

    /** The next {@code count} calls fail as an unavailable bucket would. */
    public void failNext(int count) {
        failuresLeft.set(count);
    }

    @Override
    public synchronized Optional<Stored> download(String key, String etag, Path target) throws IOException {
        failIfAsked();
        StoredObject object = objects.get(key);
        if (object == null || !object.etag().equals(etag)) {
            return Optional.empty();
        }
        Files.write(target, object.body());
        return Optional.of(new Stored(object.body().length, Optional.ofNullable(object.contentType())));
    }

    @Override
    public synchronized void put(String key, Path file, String contentType) throws IOException {
        failIfAsked();
        byte[] body = Files.readAllBytes(file);
        objects.put(key, new StoredObject(body, contentType, md5(body), Map.of()));
    }

    @Override
    public synchronized void quarantine(String key, String etag, String quarantineKey, Map<String, String> metadata)
            throws IOException {
        failIfAsked();
        StoredObject object = objects.get(key);
        if (object == null || !object.etag().equals(etag)) {
            return;
        }
        Map<String, String> all = new LinkedHashMap<>(object.metadata());
        all.putAll(metadata);
        objects.put(quarantineKey, new StoredObject(object.body(), object.contentType(), object.etag(), all));
        objects.remove(key);
    }

    private void failIfAsked() throws IOException {
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IOException("the bucket is unavailable (injected)");
        }
    }

    private static String md5(byte[] body) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(body));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
