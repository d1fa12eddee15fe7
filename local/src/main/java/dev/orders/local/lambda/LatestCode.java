package dev.orders.local.lambda;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.orders.bridge.wire.StoreWire;
import dev.orders.functions.shared.Json;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Where {@code $LATEST}'s code is: the newest build. In order:
 * <ol>
 *   <li>{@code -Dorders.functions.jar=PATH}, when set;</li>
 *   <li>the shaded {@code functions/target/orders-functions.jar} (the template's {@code CodeUri}), found beside the
 *       functions module's classes or under the working folder, unless the compiled classes are newer than it (an
 *       IDE compiled without packaging);</li>
 *   <li>otherwise the runtime's own class path: the functions' and domain's classes and every jar beside them
 *       (tests run from an IDE, or {@code -pl local} without a package).</li>
 * </ol>
 * The runtime's part of a version (the bridge and Lambda's serialization library) comes from the runtime's class path.
 */
final class LatestCode {

    static final String PROPERTY = "orders.functions.jar";
    static final String SHADED = "orders-functions.jar";

    private LatestCode() {}

    /** How the runtime finds $LATEST unless a test says otherwise. */
    static Supplier<CodeStore.Source> newestBuild() {
        return LatestCode::locate;
    }

    static CodeStore.Source locate() {
        String explicit = System.getProperty(PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return new CodeStore.Source(List.of(Path.of(explicit)), true);
        }
        Path functions = location(Json.class);
        return shadedJar(functions)
                .filter(jar -> !olderThanClasses(jar, functions))
                .map(jar -> new CodeStore.Source(List.of(jar), true))
                .orElseGet(LatestCode::runtimeClassPath);
    }

    /** The bridge and Lambda's serialization library, as the runtime's class path has them. */
    static CodeStore.Source runtimePart() {
        return new CodeStore.Source(List.of(location(StoreWire.class), location(LambdaEventSerializers.class)), true);
    }

    private static Optional<Path> shadedJar(Path functions) {
        List<Path> candidates = new ArrayList<>();
        Path parent = functions.getParent();
        if (parent != null) {
            candidates.add(parent.resolve(SHADED));
        }
        candidates.add(Path.of("functions", "target", SHADED));
        candidates.add(Path.of("..", "functions", "target", SHADED));
        return candidates.stream()
                .filter(Files::isRegularFile)
                .map(Path::toAbsolutePath)
                .map(Path::normalize)
                .findFirst();
    }

    private static boolean olderThanClasses(Path jar, Path functions) {
        if (!Files.isDirectory(functions)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(functions)) {
            FileTime built = Files.getLastModifiedTime(jar);
            return files.filter(Files::isRegularFile).anyMatch(f -> modified(f).compareTo(built) > 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The class path minus the local runtime's own classes: the functions, the domain, and the jars they use. */
    private static CodeStore.Source runtimeClassPath() {
        Path local = location(LatestCode.class);
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath().normalize();
            if (entry.isBlank()
                    || path.equals(local)
                    || path.getFileName().toString().equals("test-classes")
                    || !Files.exists(path)) {
                continue;
            }
            entries.add(path);
        }
        return new CodeStore.Source(entries, false);
    }

    static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toAbsolutePath()
                    .normalize();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
