package dev.orders.functions.aws;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs dynalite (with our transaction shim, tools/emulators/dynalite-tx.js) on a free loopback port, once for
 * the whole test run, and stops it at the end. Tests receive an {@link Endpoint}. When node or the emulator is
 * missing the tests fail, saying what to install: an emulator test that is skipped proves nothing.
 */
public final class Dynalite implements BeforeAllCallback, ParameterResolver {

    private static final Pattern LISTENING = Pattern.compile("listening at (http://\\S+)");
    private static final long STARTUP_DEADLINE_SECONDS = 60;

    /** Where the emulator answers, and the environment an adapter needs to reach it. */
    public record Endpoint(URI uri) {
        public AwsEnvironment environment(Map<String, String> more) {
            Map<String, String> variables = new java.util.HashMap<>(Map.of(
                    "AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "emulator", "AWS_SECRET_ACCESS_KEY", "emulator",
                    "AWS_ENDPOINT_URL_DYNAMODB", uri.toString()));
            variables.putAll(more);
            return new AwsEnvironment(variables);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        endpoint(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Endpoint.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return endpoint(context);
    }

    private static Endpoint endpoint(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(Dynalite.class))
                .getOrComputeIfAbsent(Running.class, ignored -> Running.start(), Running.class).endpoint();
    }

    /** The emulator process; JUnit closes it when the run ends. */
    private record Running(Process process, Endpoint endpoint) implements AutoCloseable {

        static Running start() {
            Path shim = emulators().resolve("dynalite-tx.js");
            Path module = emulators().resolve("node_modules/dynalite/package.json");
            if (!Files.isRegularFile(module)) {
                throw new IllegalStateException("dynalite is not installed: looked for " + module
                        + ". Run: npm ci --prefix tools/emulators");
            }
            String node = System.getenv().getOrDefault("ORDERS_NODE", "node");
            Process process;
            try {
                process = new ProcessBuilder(node, shim.toString(), "--port", "0", "--host", "127.0.0.1")
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot run '" + node + "' (Node.js 18+ is needed for the emulator tests;"
                        + " set ORDERS_NODE to its path): " + e.getMessage(), e);
            }
            CompletableFuture<URI> listening = CompletableFuture.supplyAsync(() -> awaitListening(process));
            try {
                return new Running(process, new Endpoint(listening.get(STARTUP_DEADLINE_SECONDS, TimeUnit.SECONDS)));
            } catch (TimeoutException e) {
                process.destroyForcibly();
                throw new IllegalStateException("dynalite did not report listening within " + STARTUP_DEADLINE_SECONDS + " s", e);
            } catch (InterruptedException | ExecutionException e) {
                process.destroyForcibly();
                throw new IllegalStateException("dynalite did not start: " + e.getMessage(), e);
            }
        }

        private static URI awaitListening(Process process) {
            StringBuilder output = new StringBuilder();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        drain(lines);
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
        private static void drain(BufferedReader lines) {
            Thread.ofVirtual().start(() -> {
                try {
                    while (lines.readLine() != null) {
                        // discard
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
        }

        /** tools/emulators, found from the module's working directory upwards. */
        private static Path emulators() {
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
}
