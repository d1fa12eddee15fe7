package dev.orders.functions.aws;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An AWS-protocol emulator from tools/emulators, run with node on a free loopback port until closed. When node
 * or the emulator is missing it fails, saying what to install: an emulator test that is skipped proves nothing.
 */
record NodeEmulator(Process process, URI endpoint) implements AutoCloseable {

    private static final long STARTUP_DEADLINE_SECONDS = 60;

    /**
     * Runs {@code script} (relative to tools/emulators) with {@code args}, and waits for a line whose first group
     * is the URL it listens at. {@code module} names the npm package, for the message when it is missing.
     */
    static NodeEmulator start(String module, String script, List<String> args, Pattern listening) {
        Path emulators = emulators();
        if (!Files.isRegularFile(emulators.resolve("node_modules/" + module + "/package.json"))) {
            throw new IllegalStateException(module + " is not installed under " + emulators + ". Run: npm ci --prefix tools/emulators");
        }
        String node = System.getenv().getOrDefault("ORDERS_NODE", "node");
        List<String> command = new ArrayList<>(List.of(node, emulators.resolve(script).toString()));
        command.addAll(args);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run '" + node + "' (Node.js 18+ is needed for the emulator tests;"
                    + " set ORDERS_NODE to its path): " + e.getMessage(), e);
        }
        CompletableFuture<URI> started = CompletableFuture.supplyAsync(() -> awaitListening(process, listening));
        try {
            return new NodeEmulator(process, started.get(STARTUP_DEADLINE_SECONDS, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException(module + " did not report listening within " + STARTUP_DEADLINE_SECONDS + " s", e);
        } catch (InterruptedException | ExecutionException e) {
            process.destroyForcibly();
            throw new IllegalStateException(module + " did not start: " + e.getMessage(), e);
        }
    }

    private static URI awaitListening(Process process, Pattern listening) {
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                Matcher matcher = listening.matcher(line);
                if (matcher.find()) {
                    drain(process);
                    return URI.create(matcher.group(1));
                }
                output.append(line).append('\n');
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("the emulator exited before listening:\n" + output);
    }

    /** Keeps reading so the emulator never blocks on a full pipe. */
    private static void drain(Process process) {
        Thread.ofVirtual().start(() -> {
            try {
                process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // the process ended
            }
        });
    }

    /** tools/emulators, found from the module's working directory upwards. */
    static Path emulators() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("tools/emulators");
            if (Files.isRegularFile(candidate.resolve("package.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("tools/emulators/package.json not found above " + Path.of("").toAbsolutePath());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
