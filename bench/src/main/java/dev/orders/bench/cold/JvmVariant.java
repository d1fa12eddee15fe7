package dev.orders.bench.cold;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * One way of starting the function's JVM. Some need a training run first (a class-data archive or an AOT
 * cache written at its exit); each handler trains its own, as each function would ship its own.
 */
public record JvmVariant(
        String name,
        boolean templateToolOptions,
        String archiveSuffix,
        Function<Path, List<String>> training,
        Function<Path, List<String>> run) {

    /** No JAVA_TOOL_OPTIONS: the JVM's own tiered compilation (C1 then C2). */
    public static JvmVariant jvmDefaults() {
        return new JvmVariant("JVM default tiering", false, null, p -> List.of(), p -> List.of());
    }

    /** The template's JAVA_TOOL_OPTIONS, as Lambda passes them to the JVM. */
    public static JvmVariant asDeployed() {
        return new JvmVariant("as deployed (template JAVA_TOOL_OPTIONS)", true, null, p -> List.of(), p -> List.of());
    }

    /** AppCDS: the classes one training run loaded, archived at its exit (JDK 13+). */
    public static JvmVariant appCds() {
        return new JvmVariant(
                "as deployed + AppCDS archive",
                true,
                ".jsa",
                p -> List.of("-XX:ArchiveClassesAtExit=" + p),
                p -> List.of("-XX:SharedArchiveFile=" + p));
    }

    /** JDK 25's AOT cache (JEP 483/514): classes loaded and linked ahead of time, from one training run. */
    public static JvmVariant aotCache() {
        return new JvmVariant(
                "as deployed + JDK 25 AOT cache",
                true,
                ".aot",
                p -> List.of("-XX:AOTCacheOutput=" + p),
                p -> List.of("-XX:AOTCache=" + p));
    }

    public boolean needsTraining() {
        return archiveSuffix != null;
    }
}
