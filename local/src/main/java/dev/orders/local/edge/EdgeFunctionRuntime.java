package dev.orders.local.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;

/**
 * A CloudFront function on GraalJS: one {@link Engine} for the whole JVM (created on first use, it takes about
 * half a second; code is parsed once and shared by every context) and a pool of contexts, each a fresh global with the language's built-ins only (no host access, no I/O, no
 * threads) in which {@code edge/runtime/cloudfront-runtime.js} runs the function exactly as node's tests do.
 * A context serves one invocation at a time; the function's top-level code runs afresh for each invocation, so
 * nothing carries over between requests. A statement budget per invocation stands in for CloudFront's compute
 * limit: a runaway function fails instead of holding a gateway thread.
 */
public final class EdgeFunctionRuntime implements AutoCloseable {

    /** Far above what a redirect function needs (the worst fixture runs a few thousand statements). */
    static final long STATEMENT_BUDGET = 1_000_000;
    static final String RUNTIME_RESOURCE = "edge/runtime/cloudfront-runtime.js";

    /** What {@code TestFunction} reports: the returned object as JSON, or the error; the log lines; the time taken. */
    public record Invocation(Optional<JsonNode> output, List<String> logs, Optional<String> error, Duration elapsed) {
    }

    private final String name;
    private final Source runtime;
    private final String code;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<Instance> idle = new ConcurrentLinkedDeque<>();
    /** Set once the code failed to compile: CloudFront would not have published it, so every invocation fails alike. */
    private volatile String compileError;
    private volatile boolean closed;

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

    public EdgeFunctionRuntime(String name, String code, int maxContexts) {
        this.name = name;
        this.code = code;
        this.permits = new Semaphore(maxContexts);
        this.runtime = Source.newBuilder("js", resource(RUNTIME_RESOURCE), "cloudfront-runtime.js").cached(true).buildLiteral();
    }

    public String name() {
        return name;
    }

    /** Runs the function once on {@code eventJson} with {@code store} as its key value store (null: none associated). */
    public Invocation invoke(String eventJson, KeyValueStoreFile.Snapshot store) {
        if (compileError != null) {
            return new Invocation(Optional.empty(), List.of(), Optional.of(compileError), Duration.ZERO);
        }
        permits.acquireUninterruptibly();
        long started = System.nanoTime();
        Instance instance = null;
        try {
            instance = idle.pollFirst();
            if (instance == null) {
                instance = create();
            }
            if (instance.module == null || instance.store != store) {
                instance.module = instance.runtime.invokeMember("module", store == null ? null : store.json(),
                        store == null ? "" : store.name());
                instance.store = store;
            }
            instance.context.resetLimits();
            instance.runtime.invokeMember("start", instance.compiled, instance.module, eventJson);
            String outcome = instance.runtime.invokeMember("collect").asString();
            Invocation invocation = read(outcome, System.nanoTime() - started);
            idle.offerFirst(instance);
            if (closed) {
                close();
            }
            return invocation;
        } catch (PolyglotException failure) {
            if (instance != null) {
                discard(instance, failure);
            }
            String error = failure.isResourceExhausted()
                    ? "the function exceeded its compute budget (" + STATEMENT_BUDGET + " statements)"
                    : failure.getMessage();
            return new Invocation(Optional.empty(), List.of(), Optional.of(error), Duration.ofNanos(System.nanoTime() - started));
        } finally {
            permits.release();
        }
    }

    private Instance create() {
        Context context = Context.newBuilder("js")
                .engine(SharedEngine.ENGINE)
                .option("js.print", "false")
                .option("js.load", "false")
                .option("js.console", "false")
                .resourceLimits(ResourceLimits.newBuilder().statementLimit(STATEMENT_BUDGET, null).build())
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

    private void discard(Instance instance, PolyglotException failure) {
        // A context whose limit tripped, or that failed inside the engine, is not reused.
        try {
            instance.context.close(true);
        } catch (RuntimeException closing) {
            failure.addSuppressed(closing);
        }
    }

    private static Invocation read(String outcome, long nanos) {
        try {
            JsonNode node = Json.internal().readTree(outcome);
            List<String> logs = new ArrayList<>();
            node.path("logs").forEach(line -> logs.add(line.asText()));
            Optional<String> error = node.hasNonNull("error") ? Optional.of(node.get("error").asText()) : Optional.empty();
            Optional<JsonNode> output = error.isEmpty() && node.has("output") ? Optional.of(node.get("output")) : Optional.empty();
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

    /** Closes the idle contexts; the shared engine lives as long as the JVM. */
    @Override
    public void close() {
        closed = true;
        Instance instance;
        while ((instance = idle.pollFirst()) != null) {
            instance.context.close(true);
        }
    }

    private static final class SharedEngine {
        static final Engine ENGINE = Engine.newBuilder("js")
                // Stock JDKs run Truffle languages in the interpreter: fine for a function of a few hundred statements.
                .option("engine.WarnInterpreterOnly", "false")
                .build();
    }
}
