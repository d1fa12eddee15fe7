package dev.orders.local.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Lambda's java21 managed runtime, reproduced on this machine: the runtime interface client and the libraries its
 * POM names on the system classpath (Lambda's /var/runtime/lib), its native Runtime API client unpacked once (the
 * JNI library Lambda's launcher points the client at), the function's deployment package unzipped as the task
 * root (/var/task, read through the client's own class loader), and the launcher's JVM options.
 */
final class LambdaJavaRuntime {

    static final String ENTRY_POINT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final String JNI_PROPERTY =
            "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private final Path javaBinary;
    private final List<Path> runtimeLibraries;
    private final Path jniLibrary;
    private final Path taskRoot;

    private LambdaJavaRuntime(Path javaBinary, List<Path> runtimeLibraries, Path jniLibrary, Path taskRoot) {
        this.javaBinary = javaBinary;
        this.runtimeLibraries = runtimeLibraries;
        this.jniLibrary = jniLibrary;
        this.taskRoot = taskRoot;
    }

    /**
     * @param runtimeDir the runtime client's jars (the build copies them to local/target/lambda-runtime)
     * @param deploymentPackage the function jar that the template's CodeUri names
     * @param work a folder for the unpacked task root and native library
     */
    static LambdaJavaRuntime prepare(Path runtimeDir, Path deploymentPackage, Path work) {
        List<Path> jars = jarsIn(runtimeDir);
        Path client = jars.stream()
                .filter(j -> j.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client-"))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalStateException("no aws-lambda-java-runtime-interface-client jar in " + runtimeDir
                                + ": build with ./mvnw -pl local -am verify (the dependency plugin copies it there)"));
        if (!Files.isRegularFile(deploymentPackage)) {
            throw new IllegalStateException("no deployment package at " + deploymentPackage
                    + ": build it with ./mvnw -pl functions -am package");
        }
        try {
            Files.createDirectories(work);
            Path jni = work.resolve("libaws-lambda-jni.so");
            unzipEntry(client, "jni/" + nativeLibraryName(), jni);
            Path taskRoot = work.resolve("task");
            unzipAll(deploymentPackage, taskRoot);
            return new LambdaJavaRuntime(Path.of(System.getProperty("java.home"), "bin", "java"), jars, jni, taskRoot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path taskRoot() {
        return taskRoot;
    }

    /**
     * The launcher's command line (as Lambda's java21 bootstrap starts it): serial GC, tiered compilation stopped at
     * C1, heap 85 % of the function's memory, the CRaC compatibility switch that routes {@code org.crac} resources to
     * the runtime client's own context, and the handler as the only argument.
     */
    List<String> command(String handler, int memoryMb) {
        List<String> command = new ArrayList<>(List.of(
                javaBinary.toString(),
                "-XX:MaxHeapSize=" + (memoryMb * 1024L * 85 / 100) + "k",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
                "-Djava.net.preferIPv4Stack=true",
                "-XX:+ErrorFileToStderr",
                // Not Lambda's: on JDK 24+ it keeps System.load (the JNI client) from printing a warning.
                "--enable-native-access=ALL-UNNAMED",
                "-D" + JNI_PROPERTY + "=" + jniLibrary,
                "-classpath",
                String.join(
                        java.io.File.pathSeparator,
                        runtimeLibraries.stream().map(Path::toString).toList()),
                ENTRY_POINT,
                handler));
        return command;
    }

    /** Variables Lambda sets in every execution environment, apart from credentials and the function's own. */
    Map<String, String> reservedVariables(
            String functionName, String handler, int memoryMb, String runtimeApi, String initializationType) {
        return Map.ofEntries(
                Map.entry("_HANDLER", handler),
                Map.entry("AWS_EXECUTION_ENV", "AWS_Lambda_java21"),
                Map.entry("AWS_LAMBDA_FUNCTION_NAME", functionName),
                Map.entry("AWS_LAMBDA_FUNCTION_VERSION", "1"),
                Map.entry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb)),
                Map.entry("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName),
                Map.entry("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[1]runtimeclientit"),
                Map.entry("AWS_LAMBDA_RUNTIME_API", runtimeApi),
                Map.entry("AWS_LAMBDA_INITIALIZATION_TYPE", initializationType),
                Map.entry("AWS_REGION", DeployedStack.REGION),
                Map.entry("AWS_DEFAULT_REGION", DeployedStack.REGION),
                Map.entry("LAMBDA_TASK_ROOT", taskRoot.toString()),
                Map.entry("LAMBDA_RUNTIME_DIR", taskRoot.getParent().toString()),
                Map.entry("TZ", ":UTC"),
                Map.entry("LANG", "en_US.UTF-8"),
                Map.entry("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin"));
    }

    private static String nativeLibraryName() {
        String arch = System.getProperty("os.arch");
        String cpu = arch.equals("aarch64") || arch.equals("arm64") ? "aarch_64" : "x86_64";
        boolean musl;
        try (Stream<Path> lib = Files.exists(Path.of("/lib")) ? Files.list(Path.of("/lib")) : Stream.empty()) {
            musl = lib.anyMatch(p -> p.getFileName().toString().startsWith("ld-musl"));
        } catch (IOException e) {
            musl = false;
        }
        return "libaws-lambda-jni." + (musl ? "linux_musl-" : "linux-") + cpu + ".so";
    }

    private static List<Path> jarsIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no Lambda runtime libraries at " + dir
                    + ": run through Maven (./mvnw -Pemulators -pl local -am verify), which copies them there");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void unzipEntry(Path zip, String entry, Path target) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            ZipEntry found = file.getEntry(entry);
            if (found == null) {
                throw new IllegalStateException(zip + " has no " + entry);
            }
            try (InputStream in = file.getInputStream(found)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Lambda unzips a .jar deployment package into /var/task. */
    private static void unzipAll(Path zip, Path target) throws IOException {
        Files.createDirectories(target);
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(file.entries())) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IllegalStateException("zip entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }
}
