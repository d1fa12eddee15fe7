package dev.orders.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A fresh JVM for one measurement: its command line, environment and what it printed. */
public final class JavaChild {

    private final Layout layout;
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> environment = new HashMap<>();
    private String classpath;
    private String mainClass;
    private final List<String> arguments = new ArrayList<>();

    public JavaChild(Layout layout) {
        this.layout = layout;
    }

    public JavaChild options(List<String> options) {
        jvmOptions.addAll(options);
        return this;
    }

    public JavaChild env(Map<String, String> variables) {
        environment.putAll(variables);
        return this;
    }

    public JavaChild main(String classpath, String mainClass, String... args) {
        this.classpath = classpath;
        this.mainClass = mainClass;
        arguments.addAll(List.of(args));
        return this;
    }

    public List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(layout.java().toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, mainClass));
        command.addAll(arguments);
        return command;
    }

    /** The command for a reader: a long classpath (a test runner's) is shortened to its entry count. */
    public String describe() {
        List<String> command = command();
        int cp = command.indexOf("-cp") + 1;
        if (cp > 0 && command.get(cp).length() > 300) {
            command.set(cp, "<" + command.get(cp).split(java.io.File.pathSeparator).length + " classpath entries>");
        }
        return String.join(" ", command);
    }

    private ProcessBuilder builder(Path stderr) {
        ProcessBuilder builder =
                new ProcessBuilder(command()).directory(layout.root().toFile());
        builder.environment().putAll(environment);
        return builder.redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
    }

    /** What a timed child printed: the matching line and the milliseconds from start to that line. */
    public record Timed(String line, double millis) {}

    /**
     * Starts the child, times it from just before the start to the first stdout line that {@code until}
     * accepts, then lets it finish. Any other stdout (the handler's logs) is read and dropped, as Lambda's
     * log agent reads it. Fails when the child exits without such a line or with a non-zero status.
     */
    public Timed timed(Predicate<String> until, Path stderr, long timeoutSeconds) {
        try {
            long start = System.nanoTime();
            Process process = builder(stderr).start();
            watchdog(process, timeoutSeconds);
            String matched = null;
            double millis = Double.NaN;
            StringBuilder seen = new StringBuilder();
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (matched == null && until.test(line)) {
                        millis = (System.nanoTime() - start) / 1e6;
                        matched = line;
                    } else if (line.startsWith("FAILED") || line.startsWith("DONE")) {
                        seen.append(line).append('\n');
                    }
                }
            }
            finish(process, timeoutSeconds, stderr, seen.toString());
            if (matched == null) {
                throw new IllegalStateException(
                        "the child printed no expected line: " + seen + " (see " + stderr + ")");
            }
            return new Timed(
                    matched + (seen.isEmpty() ? "" : "\n" + seen.toString().strip()), millis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the child to its end with stdout to {@code stdout}; its result is the properties file it wrote. */
    public Properties resultOf(Path resultFile, Path stdout, Path stderr, long timeoutSeconds) {
        try {
            Process process = builder(stderr)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()))
                    .start();
            finish(process, timeoutSeconds, stderr, "");
            Properties result = new Properties();
            try (var in = Files.newBufferedReader(resultFile)) {
                result.load(in);
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("the child wrote no result at " + resultFile + " (see " + stderr + ")", e);
        }
    }

    /** Ends a child that runs over its time, so a reader blocked on its output gets end-of-file. */
    private static void watchdog(Process process, long timeoutSeconds) {
        Thread.ofVirtual().start(() -> {
            try {
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        });
    }

    private void finish(Process process, long timeoutSeconds, Path stderr, String printed) {
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS) || process.exitValue() == 137) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "a child JVM ran over " + timeoutSeconds + " s: " + String.join(" ", command()));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("a child JVM exited with " + process.exitValue() + " (see " + stderr
                        + "): " + String.join(" ", command()) + (printed.isBlank() ? "" : "\n" + printed.strip()));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Writes a child's result where its parent looks for it. */
    public static void writeResult(Path file, Map<String, ?> values) {
        Properties properties = new Properties();
        values.forEach((k, v) -> properties.setProperty(k, String.valueOf(v)));
        try (var out = Files.newBufferedWriter(file)) {
            properties.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
