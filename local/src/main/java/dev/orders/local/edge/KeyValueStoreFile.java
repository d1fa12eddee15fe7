package dev.orders.local.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CloudFront KeyValueStore backed by one file in the data folder, in the store's own import format
 * ({@code {"data": [{"key": ..., "value": ...}]}}), seeded from the bundled default on first use. Editing the
 * file changes the table for the next request, as {@code update-keys} changes the store without a code deploy;
 * a file the import would refuse (duplicate keys, a key over 512 or a value over 1,024 characters, over 5 MB)
 * is reported once and the last good table stays in use.
 */
public final class KeyValueStoreFile {

    private static final Logger LOG = LoggerFactory.getLogger(KeyValueStoreFile.class);
    static final int MAX_KEY_CHARS = 512;
    static final int MAX_VALUE_CHARS = 1024;
    static final long MAX_FILE_BYTES = 5L * 1024 * 1024;

    /** One version of the table: {@code json} is in the import format; the version changes with every accepted edit. */
    public record Snapshot(String name, long version, String json, int keys) {}

    private final String name;
    private final Path file;
    private Snapshot current;
    private FileState seen;
    private long version;

    private record FileState(long modified, long size) {}

    private KeyValueStoreFile(String name, Path file, Snapshot initial) {
        this.name = name;
        this.file = file;
        this.current = initial;
    }

    /** {@code DATA/edge/NAME.json}, created from {@code seed} when absent. */
    public static KeyValueStoreFile open(Path dataDir, String name, String seed) {
        Path file = dataDir.resolve("edge").resolve(name + ".json");
        try {
            if (!Files.exists(file)) {
                parse(name, seed, 0);
                Files.createDirectories(file.getParent());
                Path temporary = Files.createTempFile(file.getParent(), name, ".tmp");
                Files.writeString(temporary, seed, StandardCharsets.UTF_8);
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
        KeyValueStoreFile store = new KeyValueStoreFile(name, file, new Snapshot(name, 0, "{\"data\":[]}", 0));
        store.current();
        return store;
    }

    /** A store that is only read (for {@code ./orders edge test}): the file when there is one, else the seed. */
    public static Snapshot readOnly(Path dataDir, String name, String seed) {
        Path file = dataDir.resolve("edge").resolve(name + ".json");
        try {
            return parse(name, Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : seed, 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    /** The table as the file holds it now (re-read when the file changed since the last call). */
    public synchronized Snapshot current() {
        FileState state;
        try {
            state = new FileState(Files.getLastModifiedTime(file).toMillis(), Files.size(file));
        } catch (NoSuchFileException gone) {
            state = new FileState(-1, -1);
        } catch (IOException e) {
            LOG.error("key value store {}: cannot read {}: {}", name, file, e.getMessage());
            return current;
        }
        if (state.equals(seen)) {
            return current;
        }
        seen = state;
        try {
            current = parse(
                    name,
                    state.size() < 0 ? "{\"data\":[]}" : Files.readString(file, StandardCharsets.UTF_8),
                    ++version);
            LOG.info("key value store {}: {} keys from {}", name, current.keys(), file);
        } catch (IllegalArgumentException | IOException refused) {
            LOG.error(
                    "key value store {}: {} is refused, the previous {} keys stay in use: {}",
                    name,
                    file,
                    current.keys(),
                    refused.getMessage());
        }
        return current;
    }

    /** Validates {@code json} as the store's import would. */
    static Snapshot parse(String name, String json, long version) {
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_FILE_BYTES) {
            throw new IllegalArgumentException("larger than 5 MB");
        }
        JsonNode root;
        try {
            root = Json.internal().readTree(json);
        } catch (JsonProcessingException malformed) {
            throw new IllegalArgumentException("not JSON: " + malformed.getOriginalMessage());
        }
        JsonNode data = root == null ? null : root.get("data");
        if (data == null || !data.isArray()) {
            throw new IllegalArgumentException("expected {\"data\": [{\"key\": \"...\", \"value\": \"...\"}, ...]}");
        }
        Set<String> keys = new HashSet<>();
        for (JsonNode item : data) {
            JsonNode key = item.get("key");
            JsonNode value = item.get("value");
            if (key == null || !key.isTextual() || value == null || !value.isTextual()) {
                throw new IllegalArgumentException("every item needs a string key and a string value: " + item);
            }
            if (key.asText().isEmpty() || key.asText().length() > MAX_KEY_CHARS) {
                throw new IllegalArgumentException("key " + abbreviated(key.asText()) + " is not 1 to 512 characters");
            }
            if (value.asText().length() > MAX_VALUE_CHARS) {
                throw new IllegalArgumentException(
                        "the value of " + abbreviated(key.asText()) + " is over 1,024 characters");
            }
            if (!keys.add(key.asText())) {
                throw new IllegalArgumentException("duplicate key " + abbreviated(key.asText()));
            }
        }
        return new Snapshot(name, version, root.toString(), keys.size());
    }

    private static String abbreviated(String key) {
        return key.length() <= 40 ? key : key.substring(0, 40) + "...";
    }
}
