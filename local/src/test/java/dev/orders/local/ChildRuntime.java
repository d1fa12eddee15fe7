package dev.orders.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** {@code ./orders up} in a child JVM (the test's own classpath), so a test can kill it as an operator would. */
final class ChildRuntime implements AutoCloseable {

    private final Process process;
    private final String url;
    private final List<String> output;

    private ChildRuntime(Process process, String url, List<String> output) {
        this.process = process;
        this.url = url;
        this.output = output;
    }

    static ChildRuntime start(Path data, String... systemProperties) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");
        command.add("--enable-native-access=ALL-UNNAMED");
        for (String property : systemProperties) {
            command.add("-D" + property);
        }
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "dev.orders.local.cli.Main",
                "up",
                "--port",
                "0",
                "--data",
                data.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        String url = null;
                        for (String line = out.readLine(); line != null; line = out.readLine()) {
                            if (line.startsWith("ready ")) {
                                url = line.substring("ready ".length()).trim();
                            } else if (url != null && line.startsWith("dashboard ")) {
                                // the start-up is over once both lines are out: what follows is the platform's own
                                // output
                                return url;
                            }
                        }
                        return null;
                    } catch (IOException e) {
                        return null;
                    }
                },
                reader("child-runtime-output"));
        String url = ready.get(60, TimeUnit.SECONDS);
        if (url == null) {
            process.destroyForcibly();
            throw new IllegalStateException("the child runtime did not print 'ready'");
        }
        // keep draining its output (stdout and stderr) so it never blocks on a full pipe, and keep the lines for tests
        List<String> output = new CopyOnWriteArrayList<>();
        Thread.ofVirtual().start(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    output.add(line);
                }
            } catch (IOException ignored) {
                // the child has gone
            }
        });
        return new ChildRuntime(process, url, output);
    }

    String url() {
        return url;
    }

    int port() {
        return java.net.URI.create(url).getPort();
    }

    /** Every line the child printed after {@code ready} and {@code dashboard}, stdout and stderr together, so far. */
    List<String> output() {
        return List.copyOf(output);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed that was not already committed. */
    int kill9() throws InterruptedException {
        process.destroyForcibly();
        return process.waitFor();
    }

    int awaitExit() throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the child runtime did not exit");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            kill9();
        }
    }

    /** A blocking read gets a thread of its own: on two cores the common pool has one worker, which a read would hold. */
    private static java.util.concurrent.Executor reader(String name) {
        return task -> Thread.ofVirtual().name(name).start(task);
    }
}
