package dev.orders.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Where the harness finds the built artifacts and the emulators, and where it keeps its scratch files. */
public record Layout(Path root, Path work) {

    /** The repository root, found from the working directory upwards (./orders runs from there). */
    public static Layout find(Path work) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("infra/template.yaml"))
                    && Files.isDirectory(dir.resolve("tools/emulators"))) {
                return new Layout(dir, dir.resolve(work).toAbsolutePath().normalize());
            }
        }
        throw new IllegalStateException("run the harness from the repository (no infra/template.yaml above "
                + Path.of("").toAbsolutePath() + ")");
    }

    /** The Lambda deployable, as infra/template.yaml's CodeUri names it. */
    public Path functionsJar() {
        return existing(root.resolve("functions/target/orders-functions.jar"));
    }

    public Path standInJar() {
        return existing(root.resolve("bench/target/lambda-stand-in.jar"));
    }

    public Path emulators() {
        return root.resolve("tools/emulators");
    }

    public Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** This JVM's classpath: children that run the harness's own mains get the same one. */
    public String benchClasspath() {
        return System.getProperty("java.class.path");
    }

    /** Empties the scratch folder: figures from an earlier run must never leak into this one. */
    public Layout freshWork() {
        try {
            if (Files.exists(work)) {
                try (Stream<Path> files = Files.walk(work)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(work);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path work(String name) {
        return work.resolve(name);
    }

    private static Path existing(Path artifact) {
        if (!Files.isRegularFile(artifact)) {
            throw new IllegalStateException(
                    artifact + " is missing: build first (./orders bench builds it, or ./mvnw -DskipTests package)");
        }
        return artifact;
    }
}
