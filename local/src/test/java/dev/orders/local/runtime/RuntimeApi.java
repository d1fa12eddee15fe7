package dev.orders.local.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Lambda's Runtime API for one execution environment, as the runtime interface client talks to it: the four
 * endpoints of a custom runtime ({@code invocation/next}, {@code invocation/{id}/response},
 * {@code invocation/{id}/error}, {@code init/error}) and the two the Java client calls under SnapStart
 * ({@code restore/next}, {@code restore/error}). One invocation at a time, as Lambda sends them.
 * <p>
 * {@code restore/next} is where Lambda takes the snapshot: the client calls it after running the
 * {@code beforeCheckpoint} hooks, and it returns once the environment has been restored. Here it returns at
 * once, in the same process (see docs/semantics.md, "Lambda under its runtime client").
 */
final class RuntimeApi implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";

    /** What became of an invocation, or of the environment before it could run. */
    sealed interface Outcome {
        /** The function's answer, exactly as the runtime client serialized it. */
        record Response(String body) implements Outcome {}

        record InvocationError(String errorType, String body) implements Outcome {}

        record InitError(String errorType, String body) implements Outcome {}

        record RestoreError(String errorType, String body) implements Outcome {}

        record Exited(int status) implements Outcome {}

        record NoAnswer(Duration waited) implements Outcome {}
    }

    /** One invocation as the Runtime API hands it out. */
    record Invocation(String requestId, String functionArn, Duration timeout, String event) {}

    private final HttpServer server;
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Outcome>> answers = new ConcurrentHashMap<>();
    private final CompletableFuture<Outcome> environmentFailed = new CompletableFuture<>();
    private final CompletableFuture<Instant> firstNext = new CompletableFuture<>();
    private final CompletableFuture<Instant> checkpoint = new CompletableFuture<>();

    private RuntimeApi(HttpServer server) {
        this.server = server;
    }

    static RuntimeApi start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            RuntimeApi api = new RuntimeApi(server);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext(PREFIX, api::exchange);
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code AWS_LAMBDA_RUNTIME_API}: host and port, no scheme. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues one invocation; the runtime takes it with its next {@code invocation/next} (after init, or after restore). */
    CompletableFuture<Outcome> invoke(String functionArn, Duration timeout, String event) {
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), functionArn, timeout, event);
        CompletableFuture<Outcome> answer = new CompletableFuture<>();
        answers.put(invocation.requestId(), answer);
        pending.add(invocation);
        return answer;
    }

    /** Waits for the answer, unless the environment fails first (init error, restore error, process exit). */
    Outcome await(CompletableFuture<Outcome> answer, Duration timeout) {
        try {
            return (Outcome)
                    CompletableFuture.anyOf(answer, environmentFailed).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new Outcome.NoAnswer(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Ends the environment's wait when its process exits (the client exits after reporting an init error). */
    void watch(Process process) {
        // Give an init/error posted just before the exit the chance to be the recorded reason: a delay, not a sleep,
        // so no thread of the common pool (which Process.onExit completes on) is held meanwhile.
        process.onExit()
                .thenAcceptAsync(
                        exited -> environmentFailed.complete(new Outcome.Exited(exited.exitValue())),
                        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
    }

    /** When the runtime first asked for an invocation: init (or restore) has completed. */
    Optional<Instant> initCompleted() {
        return Optional.ofNullable(firstNext.getNow(null));
    }

    /** When the runtime asked to be checkpointed ({@code restore/next}), under SnapStart. */
    Optional<Instant> checkpointRequested() {
        return Optional.ofNullable(checkpoint.getNow(null));
    }

    private void exchange(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            String errorType = Optional.ofNullable(
                            exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"))
                    .orElse("");
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.equals("init/error")) {
                environmentFailed.complete(new Outcome.InitError(errorType, utf8(body)));
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("GET") && path.equals("restore/next")) {
                checkpoint.complete(Instant.now());
                send(exchange, 200, "");
            } else if (method.equals("POST") && path.equals("restore/error")) {
                environmentFailed.complete(new Outcome.RestoreError(errorType, utf8(body)));
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST")
                    && path.startsWith("invocation/")
                    && (path.endsWith("/response") || path.endsWith("/error"))) {
                String requestId = path.substring("invocation/".length(), path.lastIndexOf('/'));
                CompletableFuture<Outcome> answer = answers.get(requestId);
                if (answer == null) {
                    send(exchange, 400, "{\"errorMessage\":\"unknown request id\",\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                answer.complete(
                        path.endsWith("/response")
                                ? new Outcome.Response(utf8(body))
                                : new Outcome.InvocationError(errorType, utf8(body)));
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                send(exchange, 404, "{\"errorMessage\":\"unknown path\",\"errorType\":\"InvalidRequest\"}");
            }
        } catch (IOException e) {
            // the runtime went away mid-exchange: its process watcher reports the exit
        }
    }

    /** Long poll, as Lambda's: the runtime waits here between invocations. */
    private void next(HttpExchange exchange) throws IOException {
        firstNext.complete(Instant.now());
        Invocation invocation;
        try {
            invocation = pending.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        exchange.getResponseHeaders()
                .add(
                        "Lambda-Runtime-Deadline-Ms",
                        Long.toString(Instant.now().plus(invocation.timeout()).toEpochMilli()));
        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", invocation.functionArn());
        exchange.getResponseHeaders()
                .add(
                        "Lambda-Runtime-Trace-Id",
                        "Root=1-" + Long.toHexString(Instant.now().getEpochSecond()) + "-"
                                + invocation.requestId().replace("-", "").substring(0, 24) + ";Parent="
                                + invocation.requestId().replace("-", "").substring(0, 16) + ";Sampled=0");
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        send(exchange, 200, invocation.event());
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
