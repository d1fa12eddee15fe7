package dev.orders.functions.receipts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The function's share of ephemeral storage ({@code /tmp}): one directory per invocation under {@code root}, removed
 * when the invocation ends, whatever the outcome. What an invocation may write is bounded twice: by the file system's
 * usable space, and by the template's {@code EphemeralStorage} ({@code capacityBytes}) less what is already under
 * {@code root}, so the function behaves locally (where /tmp is the machine's) as it will in Lambda. Directories left
 * by an invocation that never finished (a timeout ends the runtime, not /tmp) are removed when the next invocation
 * starts, unless they belong to one still running in this process.
 *
 * <p>An instance is one execution environment's {@code /tmp}: it works in a folder of its own under {@code root}, so
 * that environments sharing one machine (the local runtime runs several in one process) neither count nor remove each
 * other's files, as Lambda's environments cannot.
 */
public final class ScratchSpace {

    private final Path root;
    private final long capacityBytes;
    private final Set<Path> active = ConcurrentHashMap.newKeySet();

    public ScratchSpace(Path root, long capacityBytes) {
        this.root = root.resolve("environment-" + java.util.UUID.randomUUID());
        this.capacityBytes = capacityBytes;
    }

    /** This environment's folder under the {@code root} it was given. */
    public Path root() {
        return root;
    }

    /** A fresh directory for one invocation; {@link Invocation#close()} removes it and everything in it. */
    public Invocation open(String requestId) throws IOException {
        Files.createDirectories(root);
        removeAbandoned();
        Path dir = root.resolve(safe(requestId));
        active.add(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            active.remove(dir);
            throw e;
        }
        return new Invocation(dir);
    }

    /** What can still be written: the file system's usable space, and what the template's size leaves. */
    public long free() throws IOException {
        Files.createDirectories(root);
        return Math.min(Files.getFileStore(root).getUsableSpace(), capacityBytes - used());
    }

    /** Bytes under {@code root} now. */
    public long used() throws IOException {
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(ScratchSpace::sizeOrZero)
                    .sum();
        }
    }

    /** One invocation's directory. */
    public final class Invocation implements AutoCloseable {
        private final Path dir;

        private Invocation(Path dir) {
            this.dir = dir;
        }

        public Path file(String name) {
            return dir.resolve(name);
        }

        /** Whether {@code bytes} more fit, checked before anything is written. */
        public boolean fits(long bytes) throws IOException {
            return bytes <= free();
        }

        @Override
        public void close() {
            try {
                delete(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("could not clean " + dir, e);
            } finally {
                active.remove(dir);
            }
        }
    }

    private void removeAbandoned() throws IOException {
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : children.toList()) {
                if (!active.contains(child)) {
                    delete(child);
                }
            }
        }
    }

    private static void delete(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failed) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (IOException gone) {
            return 0;
        }
    }

    private static String safe(String requestId) {
        String cleaned = requestId == null ? "" : requestId.replaceAll("[^A-Za-z0-9_-]", "_");
        return cleaned.isEmpty() ? "invocation" : cleaned;
    }

    @Override
    public String toString() {
        return root + " (" + capacityBytes + " bytes)";
    }
}
