package dev.orders.local.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.store.Database;
import dev.orders.local.template.SamTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3 as the local runtime keeps it: the template's buckets only (named by their logical id, lower-cased), each
 * object's body a file under {@code DATA/objects/} and its metadata a row in the local database, written only after
 * the body is complete on disk, so an acknowledged object is whole and survives a kill -9. A write that creates an
 * object records the notifications it causes (the template's {@code Events: Type: S3}) in the same transaction;
 * {@link NotificationRelay} hands them to Lambda's asynchronous invocation. ETags are S3's for single-part uploads: the
 * MD5 of the body, hex, quoted.
 */
public final class LocalS3 {

    private static final Logger LOG = LoggerFactory.getLogger(LocalS3.class);
    /** S3's largest single PUT; bodies are streamed to disk, so the bound is S3's and not memory's. */
    public static final long MAX_PUT_BYTES = 5L * 1024 * 1024 * 1024;

    private final ObjectRecords records;
    private final Path data;
    private final Path incoming;
    private final Map<String, String> buckets;
    private final List<BucketNotification> notifications;
    private final Clock clock;
    private final AtomicLong sequencer = new AtomicLong();

    /** {@code buckets}: local name → logical id. */
    LocalS3(
            Database db,
            Path dataDir,
            Map<String, String> buckets,
            List<BucketNotification> notifications,
            Clock clock) {
        this.records = new ObjectRecords(db);
        this.data = dataDir.resolve("objects").resolve("data");
        this.incoming = dataDir.resolve("objects").resolve("incoming");
        this.buckets = Map.copyOf(buckets);
        this.notifications = List.copyOf(notifications);
        this.clock = clock;
        this.sequencer.set(clock.millis() * 1000);
        try {
            Files.createDirectories(data);
            Files.createDirectories(incoming);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the local S3's folders under " + dataDir, e);
        }
        sweep();
    }

    /** Every {@code AWS::S3::Bucket} of the template, with the S3 events of its functions. */
    public static LocalS3 fromTemplate(Database db, Path dataDir, SamTemplate template, Clock clock) {
        Map<String, String> buckets = new java.util.LinkedHashMap<>();
        template.resources().keySet().stream()
                .filter(id -> template.type(id).equals("AWS::S3::Bucket"))
                .forEach(id -> buckets.put(localName(id), id));
        return new LocalS3(db, dataDir, buckets, BucketNotification.fromTemplate(template), clock);
    }

    /** A bucket's local name: its logical id in lower case (bucket names cannot have capitals). */
    public static String localName(String logicalId) {
        return logicalId.toLowerCase(Locale.ROOT);
    }

    public Set<String> buckets() {
        return buckets.keySet();
    }

    public boolean hasBucket(String bucket) {
        return buckets.containsKey(bucket);
    }

    /** What a write declares about the object besides its body. */
    public record Attributes(String contentType, Map<String, String> metadata) {
        public static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

        public Attributes {
            contentType = contentType == null || contentType.isBlank() ? DEFAULT_CONTENT_TYPE : contentType;
            metadata = Map.copyOf(metadata);
        }
    }

    /**
     * Stores {@code body} as {@code key}: streamed to a file ({@code minBytes} to {@code maxBytes}, else
     * {@code EntityTooSmall} or {@code EntityTooLarge}, and nothing is stored),
     * then recorded with the notifications of {@code eventName} ({@code ObjectCreated:Put|Post|Copy}). {@code md5}, when the
     * client sent {@code Content-MD5}, must match ({@code BadDigest}).
     */
    public StoredObject put(
            String bucket,
            String key,
            InputStream body,
            long minBytes,
            long maxBytes,
            Attributes attributes,
            String eventName,
            Optional<byte[]> md5) {
        requireBucket(bucket);
        requireKey(key);
        Path temp = incoming.resolve(UUID.randomUUID().toString());
        try {
            MessageDigest digest = md5();
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), digest)) {
                size = copyAtMost(body, out, maxBytes);
            }
            if (size > maxBytes) {
                throw new S3Error(
                        400,
                        "EntityTooLarge",
                        "Your proposed upload exceeds the maximum allowed size",
                        Map.of("MaxSizeAllowed", String.valueOf(maxBytes)));
            }
            if (size < minBytes) {
                throw new S3Error(
                        400,
                        "EntityTooSmall",
                        "Your proposed upload is smaller than the minimum allowed size",
                        Map.of("MinSizeAllowed", String.valueOf(minBytes), "ProposedSize", String.valueOf(size)));
            }
            byte[] actual = digest.digest();
            if (md5.isPresent() && !MessageDigest.isEqual(md5.get(), actual)) {
                throw new S3Error(400, "BadDigest", "The Content-MD5 you specified did not match what we received.");
            }
            return commit(
                    bucket, key, temp, size, "\"" + HexFormat.of().formatHex(actual) + "\"", attributes, eventName);
        } catch (IOException e) {
            throw new UncheckedIOException("the local S3 could not store " + bucket + "/" + key, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    public Optional<StoredObject> head(String bucket, String key) {
        requireBucket(bucket);
        return records.find(bucket, key);
    }

    /** The object's body from {@code offset}, {@code length} bytes; the caller closes the stream. */
    public InputStream open(StoredObject object, long offset, long length) throws IOException {
        InputStream in = Files.newInputStream(data.resolve(object.file()));
        in.skipNBytes(offset);
        return new java.io.FilterInputStream(in) {
            private long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = super.read();
                if (b >= 0) {
                    left--;
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(buffer, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }
        };
    }

    /** Deleting a key that does not exist succeeds, as in S3. */
    public void delete(String bucket, String key) {
        requireBucket(bucket);
        records.delete(bucket, key).ifPresent(file -> deleteQuietly(data.resolve(file)));
    }

    /** A copy within the local buckets: the body, and the source's or {@code replaced} attributes. */
    public StoredObject copy(
            String sourceBucket,
            String sourceKey,
            Optional<String> ifMatch,
            String bucket,
            String key,
            Optional<Attributes> replaced) {
        StoredObject source = head(sourceBucket, sourceKey).orElseThrow(() -> S3Error.noSuchKey(sourceKey));
        if (ifMatch.isPresent() && !etagMatches(ifMatch.get(), source.etag())) {
            throw S3Error.preconditionFailed();
        }
        requireBucket(bucket);
        requireKey(key);
        Path temp = incoming.resolve(UUID.randomUUID().toString());
        try {
            Files.copy(data.resolve(source.file()), temp);
            Attributes attributes = replaced.orElse(new Attributes(source.contentType(), source.metadata()));
            return commit(bucket, key, temp, source.size(), source.etag(), attributes, "ObjectCreated:Copy");
        } catch (IOException e) {
            throw new UncheckedIOException("the local S3 could not copy " + sourceKey, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** One page of ListObjectsV2: keys after {@code startAfter}, grouped under {@code delimiter} into common prefixes. */
    public record Listing(
            List<StoredObject> contents, List<String> commonPrefixes, boolean truncated, String lastKey) {}

    public Listing list(String bucket, String prefix, String delimiter, String startAfter, int maxKeys) {
        requireBucket(bucket);
        List<StoredObject> contents = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String after = startAfter;
        String last = startAfter;
        while (true) {
            List<StoredObject> page = records.list(bucket, prefix, after, 1000);
            if (page.isEmpty()) {
                return new Listing(contents, prefixes, false, last);
            }
            for (StoredObject object : page) {
                after = object.key();
                String rest = object.key().substring(prefix.length());
                int cut = delimiter.isEmpty() ? -1 : rest.indexOf(delimiter);
                String common = cut < 0 ? null : prefix + rest.substring(0, cut + delimiter.length());
                if (common != null && !prefixes.isEmpty() && prefixes.getLast().equals(common)) {
                    continue;
                }
                if (contents.size() + prefixes.size() == maxKeys) {
                    return new Listing(contents, prefixes, true, last);
                }
                if (common != null) {
                    prefixes.add(common);
                    // a continuation resumes after every key under this prefix (U+FFFF sorts after the ones used here)
                    last = common + "\uFFFF";
                } else {
                    contents.add(object);
                    last = object.key();
                }
            }
        }
    }

    public long count(String bucket) {
        return records.count(bucket);
    }

    public long pendingNotifications() {
        return records.pendingCount();
    }

    ObjectRecords records() {
        return records;
    }

    static boolean etagMatches(String condition, String etag) {
        String bare = etag.replace("\"", "");
        for (String candidate : condition.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || c.replace("\"", "").equals(bare)) {
                return true;
            }
        }
        return false;
    }

    private StoredObject commit(
            String bucket, String key, Path temp, long size, String etag, Attributes attributes, String eventName)
            throws IOException {
        String file = UUID.randomUUID().toString();
        Files.move(temp, data.resolve(file), StandardCopyOption.ATOMIC_MOVE);
        StoredObject object = new StoredObject(
                bucket,
                key,
                file,
                size,
                etag,
                attributes.contentType(),
                lowerCased(attributes.metadata()),
                clock.instant());
        List<ObjectRecords.Pending> caused = notifications.stream()
                .filter(n -> localName(n.bucketLogicalId()).equals(bucket) && n.matches(eventName, key))
                .map(n -> new ObjectRecords.Pending(0, n.function(), n.qualifier(), event(n, object, eventName)))
                .toList();
        try {
            records.put(object, caused).ifPresent(replaced -> deleteQuietly(data.resolve(replaced)));
        } catch (RuntimeException failed) {
            deleteQuietly(data.resolve(file));
            throw failed;
        }
        return object;
    }

    /**
     * The notification as S3 sends it to Lambda (event message structure, version 2.1): the key URL-encoded, the ETag
     * without quotes, a sequencer that grows with each event of the data folder.
     */
    private byte[] event(BucketNotification notification, StoredObject object, String eventName) {
        ObjectNode record = Json.internal().createObjectNode();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", dev.orders.local.template.LocalNames.REGION);
        record.put(
                "eventTime",
                java.time.format.DateTimeFormatter.ISO_INSTANT.format(
                        object.lastModified().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
        record.put("eventName", eventName);
        record.putObject("userIdentity").put("principalId", "AWS:" + LocalCredentials.ACCESS_KEY_ID);
        record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        record.putObject("responseElements")
                .put(
                        "x-amz-request-id",
                        UUID.randomUUID()
                                .toString()
                                .replace("-", "")
                                .substring(0, 16)
                                .toUpperCase(Locale.ROOT))
                .put("x-amz-id-2", UUID.randomUUID().toString());
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", notification.id());
        s3.putObject("bucket")
                .put("name", object.bucket())
                .put("arn", "arn:aws:s3:::" + object.bucket())
                .putObject("ownerIdentity")
                .put("principalId", dev.orders.local.template.LocalNames.ACCOUNT);
        // Form-encoded as S3 sends it ("red flower.jpg" → "red+flower.jpg"), the key's slashes kept as they are.
        s3.putObject("object")
                .put(
                        "key",
                        URLEncoder.encode(object.key(), StandardCharsets.UTF_8).replace("%2F", "/"))
                .put("size", object.size())
                .put("eTag", object.bareEtag())
                .put("sequencer", Long.toHexString(sequencer.incrementAndGet()).toUpperCase(Locale.ROOT));
        ObjectNode event = Json.internal().createObjectNode();
        event.putArray("Records").add(record);
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Bodies no object points at (a crash between the file and the row): removed at start. */
    private void sweep() {
        Set<String> kept = new HashSet<>(records.files());
        try (Stream<Path> files = Stream.concat(Files.list(data), Files.list(incoming))) {
            files.filter(f -> !kept.contains(f.getFileName().toString())).forEach(LocalS3::deleteQuietly);
        } catch (IOException e) {
            LOG.warn("could not sweep {}: {}", data, e.toString());
        }
    }

    private void requireBucket(String bucket) {
        if (!buckets.containsKey(bucket)) {
            throw S3Error.noSuchBucket(bucket);
        }
    }

    private static void requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw S3Error.invalidArgument("An object key is required");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > 1024) {
            throw new S3Error(400, "KeyTooLongError", "Your key is too long");
        }
    }

    private static Map<String, String> lowerCased(Map<String, String> metadata) {
        Map<String, String> lower = new java.util.TreeMap<>();
        metadata.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        return lower;
    }

    /** Copies at most {@code max} + 1 bytes: one byte more than allowed is enough to know the body is too large. */
    private static long copyAtMost(InputStream in, OutputStream out, long max) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while (total <= max && (n = in.read(buffer, 0, (int) Math.min(buffer.length, max + 1 - total))) >= 0) {
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // swept at the next start
        }
    }
}
