package dev.orders.local.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * A CloudFront function on GraalJS: one {@link Engine} for the whole JVM (created on first use, it takes about
 * half a second; code is parsed once and shared by every context) and a few worker threads, each with its own
 * context: a fresh global with the language's built-ins only (no host access, no I/O, no threads) in which
 * {@code edge/runtime/cloudfront-runtime.js} runs the function exactly as node's tests do. Contexts stay on their
 * thread because entering a context from a new thread is costly, and the gateway runs every request on a new
 * virtual thread. The function's top-level code runs afresh for each invocation, so nothing carries over between
 * requests. A statement budget per invocation stands in for CloudFront's compute limit: a runaway function fails
 * instead of holding a worker.
 */
public final class EdgeFunctionRuntime implements AutoCloseable {

    /** Far above what a redirect function needs (the worst fixture runs a few thousand statements). */
    static final long STATEMENT_BUDGET = 1_000_000;

    static final String RUNTIME_RESOURCE = "edge/runtime/cloudfront-runtime.js";

    /** What {@code TestFunction} reports: the returned object as JSON, or the error; the log lines; the time taken. */
    public record Invocation(Optional<JsonNode> output, List<String> logs, Optional<String> error, Duration elapsed) {}

    private final String name;
    private final Source runtime;
    private final String code;
    private final int workers;
    private final ExecutorService executor;
    private final ThreadLocal<Instance> own = new ThreadLocal<>();
    private final Set<Instance> instances = ConcurrentHashMap.newKeySet();
    /** Set once the code failed to compile: CloudFront would not have published it, so every invocation fails alike. */
    private volatile String compileError;

    /** A context with the function compiled and the store module built for one store version. */
    private static final class Instance {
        final Context context;
        final Value runtime;
        final Value compiled;
        /** The store {@link #module} was built for (a snapshot is replaced, never changed, when its file changes). */
        KeyValueStoreFile.Snapshot store;

        Value module;

        Instance(Context context, Value runtime, Value compiled) {
            this.context = context;
            this.runtime = runtime;
            this.compiled = compiled;
        }
    }

    public EdgeFunctionRuntime(String name, String code, int workers) {
        this.name = name;
        this.code = code;
        this.workers = workers;
        AtomicInteger counter = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(
                workers,
                task -> Thread.ofPlatform()
                        .daemon()
                        .name("edge-" + name + "-" + counter.incrementAndGet())
                        .unstarted(task));
        this.runtime = Source.newBuilder("js", resource(RUNTIME_RESOURCE), "cloudfront-runtime.js")
                .cached(true)
                .buildLiteral();
    }

    public String name() {
        return name;
    }

    /** Runs the function once on {@code eventJson} with {@code store} as its key value store (null: none associated). */
    public Invocation invoke(String eventJson, KeyValueStoreFile.Snapshot store) {
        if (compileError != null) {
            return new Invocation(Optional.empty(), List.of(), Optional.of(compileError), Duration.ZERO);
        }
        Future<Invocation> run = executor.submit(() -> run(eventJson, store));
        try {
            return run.get();
        } catch (ExecutionException failed) {
            throw new IllegalStateException("the edge runtime failed: " + failed.getCause(), failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the edge function ran", interrupted);
        }
    }

    /** One invocation on the calling worker's own context (created on its first use). */
    private Invocation run(String eventJson, KeyValueStoreFile.Snapshot store) {
        long started = System.nanoTime();
        Instance instance = own.get();
        try {
            if (instance == null) {
                instance = create();
                own.set(instance);
                instances.add(instance);
            }
            if (instance.module == null || instance.store != store) {
                instance.module = instance.runtime.invokeMember(
                        "module", store == null ? null : store.json(), store == null ? "" : store.name());
                instance.store = store;
            }
            instance.context.resetLimits();
            instance.runtime.invokeMember("start", instance.compiled, instance.module, eventJson);
            String outcome = instance.runtime.invokeMember("collect").asString();
            return read(outcome, System.nanoTime() - started);
        } catch (PolyglotException failure) {
            if (instance != null) {
                // A context whose limit tripped, or that failed inside the engine, is not reused.
                own.remove();
                instances.remove(instance);
                instance.context.close(true);
            }
            String error = failure.isResourceExhausted()
                    ? "the function exceeded its compute budget (" + STATEMENT_BUDGET + " statements)"
                    : failure.getMessage();
            return new Invocation(
                    Optional.empty(), List.of(), Optional.of(error), Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /**
     * Readies the workers before traffic does: {@code rounds} rounds of one run of {@code eventJson} per worker, so
     * every worker creates its context and the interpreter specialises the code. A round waits for its runs before the
     * next is queued, so requests arriving meanwhile never wait behind more than one round. Returns the first run.
     */
    public Invocation prime(String eventJson, KeyValueStoreFile.Snapshot store, int rounds) {
        Invocation first = invoke(eventJson, store);
        for (int round = 0; round < rounds && first.error().isEmpty(); round++) {
            List<Future<Invocation>> runs = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                runs.add(executor.submit(() -> run(eventJson, store)));
            }
            for (Future<Invocation> run : runs) {
                try {
                    run.get();
                } catch (ExecutionException | InterruptedException ignored) {
                    // priming is best effort: a failing run shows again on the request that meets it
                }
            }
        }
        return first;
    }

    /** Contexts created so far (for tests). */
    int contexts() {
        return instances.size();
    }

    private Instance create() {
        Context context = Context.newBuilder("js")
                .engine(SharedEngine.ENGINE)
                .option("js.print", "false")
                .option("js.load", "false")
                .option("js.console", "false")
                .resourceLimits(ResourceLimits.newBuilder()
                        .statementLimit(STATEMENT_BUDGET, null)
                        .build())
                .build();
        try {
            context.eval(runtime);
            Value cloudFrontRuntime = context.getBindings("js").getMember("CloudFrontRuntime");
            Value compiled;
            try {
                compiled = cloudFrontRuntime.invokeMember("compile", code);
            } catch (PolyglotException refused) {
                if (refused.isGuestException()) {
                    compileError = refused.getMessage();
                }
                throw refused;
            }
            return new Instance(context, cloudFrontRuntime, compiled);
        } catch (PolyglotException failure) {
            context.close(true);
            throw failure;
        }
    }

    private static Invocation read(String outcome, long nanos) {
        try {
            JsonNode node = Json.internal().readTree(outcome);
            List<String> logs = new ArrayList<>();
            node.path("logs").forEach(line -> logs.add(line.asText()));
            Optional<String> error =
                    node.hasNonNull("error") ? Optional.of(node.get("error").asText()) : Optional.empty();
            Optional<JsonNode> output =
                    error.isEmpty() && node.has("output") ? Optional.of(node.get("output")) : Optional.empty();
            return new Invocation(output, List.copyOf(logs), error, Duration.ofNanos(nanos));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the runtime shim returned no JSON: " + outcome, e);
        }
    }

    static String resource(String path) {
        try (InputStream in = EdgeFunctionRuntime.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the classpath; build with ./mvnw package");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GraalJS's version, and that it interprets (a stock JDK has no Graal compiler for it). */
    public static String engineDescription() {
        String version;
        try {
            version = resource("META-INF/graalvm/org.graalvm.polyglot/version").trim();
        } catch (IllegalStateException unknown) {
            version = SharedEngine.ENGINE.getVersion();
        }
        return "GraalJS " + version + " ("
                + SharedEngine.ENGINE.getImplementationName().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    /** Stops the workers and closes their contexts; the shared engine lives as long as the JVM. */
    @Override
    public void close() {
        executor.shutdownNow();
        instances.forEach(instance -> instance.context.close(true));
        instances.clear();
    }

    private static final class SharedEngine {
        static final Engine ENGINE = Engine.newBuilder("js")
                // Stock JDKs run Truffle languages in the interpreter: fine for a function of a few hundred statements.
                .option("engine.WarnInterpreterOnly", "false")
                .build();
    }
}
