package dev.orders.functions.aws;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An AWS-protocol emulator from tools/emulators, run with node on a free loopback port until closed. When node
 * or the emulator is missing it fails, saying what to install: an emulator test that is skipped proves nothing.
 * <p>
 * The emulator's output (stdout and stderr together) is read for its whole life by a thread of its own: it looks
 * for the line that says where the emulator listens, then keeps reading, keeping the last lines for messages.
 * Two things this avoids, each of which can fail an emulator test at random:
 * <ul>
 * <li>reading on a shared pool. {@code CompletableFuture.supplyAsync} without an executor runs on the common
 * ForkJoinPool, which JDK 25 uses even at parallelism 1 (earlier JDKs started a thread per task there). On a
 * 2-core machine the startup read then has one worker, shared with every other async task of the test JVM
 * ({@code Process.onExit()} completes on it, for one), and waits behind them: a start node makes in one to three
 * seconds, even on a loaded machine, misses a 60 s deadline ({@code NodeEmulatorTest} shows it);</li>
 * <li>closing the pipe after the "listening" line. Node writes to a pipe synchronously; once nobody reads it, the
 * next line the emulator writes (a log line, a warning) fails with EPIPE and node exits, in the middle of a
 * test.</li>
 * </ul>
 */
final class NodeEmulator implements AutoCloseable {

    private static final Duration STARTUP_DEADLINE = Duration.ofSeconds(60);
    private static final int KEPT_LINES = 40;

    private final String name;
    private final Process process;
    private final URI endpoint;
    private final Deque<String> lastLines;

    private NodeEmulator(String name, Process process, URI endpoint, Deque<String> lastLines) {
        this.name = name;
        this.process = process;
        this.endpoint = endpoint;
        this.lastLines = lastLines;
    }

    /**
     * Runs {@code script} (relative to tools/emulators, or absolute) with {@code args} and the extra
     * {@code environment}, and waits for a line whose first group is the URL it listens at. {@code module} names
     * the npm package that must be installed, for the message when it is not (null: nothing to check).
     */
    static NodeEmulator start(
            String module, String script, List<String> args, Map<String, String> environment, Pattern listening) {
        Path emulators = emulators();
        if (module != null && !Files.isRegularFile(emulators.resolve("node_modules/" + module + "/package.json"))) {
            throw new IllegalStateException(
                    module + " is not installed under " + emulators + ". Run: npm ci --prefix tools/emulators");
        }
        String name = module != null ? module : script;
        String node = System.getenv().getOrDefault("ORDERS_NODE", "node");
        List<String> command =
                new ArrayList<>(List.of(node, emulators.resolve(script).toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot run '" + node + "' (Node.js 18+ is needed for the emulator tests;"
                            + " set ORDERS_NODE to its path): " + e.getMessage(),
                    e);
        }
        Deque<String> lastLines = new ArrayDeque<>();
        CompletableFuture<URI> started = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name(name + "-output").start(() -> read(process, listening, started, lastLines));
        try {
            return new NodeEmulator(
                    name, process, started.get(STARTUP_DEADLINE.toSeconds(), TimeUnit.SECONDS), lastLines);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    name + " did not report listening within " + STARTUP_DEADLINE.toSeconds()
                            + " s; its output so far:\n" + tail(lastLines),
                    e);
        } catch (ExecutionException e) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    name + " did not start: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + " did not start: interrupted", e);
        }
    }

    /** Every line until the process ends: the listening line completes {@code started}; the end before it fails it. */
    private static void read(
            Process process, Pattern listening, CompletableFuture<URI> started, Deque<String> lastLines) {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                keep(lastLines, line);
                if (!started.isDone()) {
                    Matcher matcher = listening.matcher(line);
                    if (matcher.find()) {
                        started.complete(URI.create(matcher.group(1)));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            started.completeExceptionally(new IllegalStateException("its output could not be read: " + e, e));
            return;
        }
        if (!started.isDone()) {
            String status = waitForExit(process);
            started.completeExceptionally(new IllegalStateException(
                    "the emulator exited (" + status + ") before listening; its output:\n" + tail(lastLines)));
        }
    }

    private static String waitForExit(Process process) {
        try {
            return process.waitFor(5, TimeUnit.SECONDS)
                    ? "status " + process.exitValue()
                    : "still running, output closed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "status unknown";
        }
    }

    private static void keep(Deque<String> lastLines, String line) {
        synchronized (lastLines) {
            if (lastLines.size() == KEPT_LINES) {
                lastLines.removeFirst();
            }
            lastLines.addLast(line);
        }
    }

    private static String tail(Deque<String> lastLines) {
        synchronized (lastLines) {
            return lastLines.isEmpty() ? "(nothing)" : String.join("\n", lastLines);
        }
    }

    /** tools/emulators, found from the module's working directory upwards. */
    static Path emulators() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("tools/emulators");
            if (Files.isRegularFile(candidate.resolve("package.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "tools/emulators/package.json not found above " + Path.of("").toAbsolutePath());
    }

    URI endpoint() {
        return endpoint;
    }

    boolean isRunning() {
        return process.isAlive();
    }

    /** The last lines the emulator printed, for a test's failure message. */
    String lastOutput() {
        return name + ", last lines:\n" + tail(lastLines);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
