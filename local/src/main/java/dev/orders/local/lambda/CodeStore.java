package dev.orders.local.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Code kept in the data folder, content-addressed by SHA-256 ({@code DATA/lambda/code/<hex>/}): a version's copy of
 * its code is taken when it is published and never changes after, so a rebuild cannot touch it, and unchanged
 * code is stored once. Jars and class folders are copied; jars the source marks as shared (the Maven repository's,
 * when the code comes from a class path rather than the shaded jar) are referenced where they are.
 */
final class CodeStore {

    /** What a version's code is made of, before it is stored: class path entries, and whether to copy the jars. */
    record Source(List<Path> entries, boolean copyJars) {}

    /** Stored code: Lambda's CodeSha256 (base64), the folder's name (hex), the size, and the class path to load it from. */
    record Stored(String sha256, String hex, long size, List<Path> classpath) {}

    private static final Map<String, String> JAR_DIGESTS = new ConcurrentHashMap<>();

    private final Path root;

    CodeStore(Path root) {
        this.root = root;
    }

    /** Stores {@code source} (once per content) and returns it. */
    synchronized Stored store(Source source) {
        try {
            MessageDigest combined = sha256();
            long size = 0;
            List<String> digests = new ArrayList<>();
            for (Path entry : source.entries()) {
                String digest = Files.isDirectory(entry) ? directoryDigest(entry) : jarDigest(entry);
                digests.add(digest);
                combined.update((entry.getFileName() + "\0" + digest + "\n").getBytes(StandardCharsets.UTF_8));
                size += Files.isDirectory(entry) ? directorySize(entry) : Files.size(entry);
            }
            byte[] sha = source.entries().size() == 1
                            && !Files.isDirectory(source.entries().getFirst())
                    ? HexFormat.of().parseHex(digests.getFirst())
                    : combined.digest();
            String hex = HexFormat.of().formatHex(sha);
            Path folder = root.resolve(hex);
            if (!Files.exists(folder.resolve("classpath.txt"))) {
                copy(source, folder);
            }
            return new Stored(Base64.getEncoder().encodeToString(sha), hex, size, classpath(folder));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Code stored before (a restart reads its versions' code from here). */
    Stored load(String hex, String sha256, long size) {
        Path folder = root.resolve(hex);
        if (!Files.exists(folder.resolve("classpath.txt"))) {
            throw new IllegalStateException("the code " + hex + " is missing from " + root);
        }
        return new Stored(sha256, hex, size, classpath(folder));
    }

    private void copy(Source source, Path folder) throws IOException {
        Files.createDirectories(root);
        Path staging = Files.createTempDirectory(root, ".staging-");
        List<String> lines = new ArrayList<>();
        int index = 0;
        for (Path entry : source.entries()) {
            String name = String.format("%02d-%s", index++, entry.getFileName());
            if (Files.isDirectory(entry)) {
                copyTree(entry, staging.resolve(name));
                lines.add(name);
            } else if (source.copyJars()) {
                Files.copy(entry, staging.resolve(name));
                requireArchive(staging.resolve(name));
                lines.add(name);
            } else {
                lines.add(entry.toAbsolutePath().toString());
            }
        }
        Files.write(staging.resolve("classpath.txt"), lines, StandardCharsets.UTF_8);
        try {
            Files.move(staging, folder, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
            deleteTree(staging);
        }
    }

    /** A jar half written by a build in progress is refused, not stored as a version's code. */
    private static void requireArchive(Path jar) {
        try (ZipFile ignored = new ZipFile(jar.toFile())) {
            // opens: a complete archive
        } catch (IOException e) {
            throw new IllegalStateException(
                    jar.getFileName() + " is not a complete jar (is a build still writing it?)", e);
        }
    }

    private static List<Path> classpath(Path folder) {
        try {
            return Files.readAllLines(folder.resolve("classpath.txt"), StandardCharsets.UTF_8).stream()
                    .map(line -> Path.of(line).isAbsolute() ? Path.of(line) : folder.resolve(line))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jarDigest(Path jar) throws IOException {
        String key = jar.toAbsolutePath() + "|" + Files.size(jar) + "|"
                + Files.getLastModifiedTime(jar).toMillis();
        String known = JAR_DIGESTS.get(key);
        if (known != null) {
            return known;
        }
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(jar)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        String hex = HexFormat.of().formatHex(digest.digest());
        JAR_DIGESTS.put(key, hex);
        return hex;
    }

    private static String directoryDigest(Path dir) throws IOException {
        MessageDigest digest = sha256();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(p -> dir.relativize(p).toString()))
                    .toList()) {
                digest.update(dir.relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Files.readAllBytes(file));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static long directorySize(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            long size = 0;
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                size += Files.size(file);
            }
            return size;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path path : files.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
