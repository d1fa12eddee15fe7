package dev.orders.bench.cli;

import dev.orders.bench.Bench;
import dev.orders.bench.Layout;
import dev.orders.bench.Samples;
import dev.orders.bench.Settings;
import dev.orders.bench.Table;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Rows: the launcher as a developer types it. {@code ./orders token alice} as a whole process (bash, the JDK choice,
 * the JVM, the command) beside a bare {@code java -version} of the same JDK, with the launcher's JVM class cache and
 * without it ({@code ORDERS_JVM_CACHE=off}); {@code ./orders up} from start to its {@code ready} line, with the cache
 * beside without. Budgets: token ≤ 3× a bare JVM start; up with the cache ≤ 0.8× up without. The caches are built
 * first ({@code ./orders jvm-cache}), as a developer's second run finds them. Runs take turns, so a machine busy
 * with something else slows every variant alike; figures are medians.
 */
public final class CliSection implements Bench.Section {

    static final double TOKEN_BUDGET = 3.0;
    static final double UP_BUDGET = 0.8;

    private final Layout layout;
    private final Settings settings;

    public CliSection(Layout layout, Settings settings) {
        this.layout = layout;
        this.settings = settings;
    }

    @Override
    public void run(Table table, List<String> notes) {
        int runs = settings.isQuick() ? 3 : 15;
        int upRuns = settings.isQuick() ? 1 : 3;
        Path log = layout.work("cli.log");
        String orders = layout.root().resolve("orders").toString();
        String data = layout.work("cli-data").toString();
        finish(start(List.of("bash", orders, "jvm-cache"), Map.of(), log), 900, "./orders jvm-cache");
        // the first token creates the data folder's issuer keys: not part of any figure
        finish(start(List.of("bash", orders, "token", "alice", "--data", data), Map.of(), log), 120, "./orders token");

        List<Double> bare = new ArrayList<>();
        List<Double> cached = new ArrayList<>();
        List<Double> uncached = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            bare.add(wholeProcess(List.of(layout.java().toString(), "-version"), Map.of(), log));
            cached.add(wholeProcess(List.of("bash", orders, "token", "alice", "--data", data), Map.of(), log));
            uncached.add(wholeProcess(
                    List.of("bash", orders, "token", "alice", "--data", data), Map.of("ORDERS_JVM_CACHE", "off"), log));
        }
        double bareMs = Samples.of(bare).median();
        double cachedMs = Samples.of(cached).median();
        double uncachedMs = Samples.of(uncached).median();
        table.add(new Table.Row(
                "./orders token alice, whole process (JVM cache)",
                Table.number(cachedMs, 0) + " ms",
                Table.number(bareMs, 0) + " ms (java -version)",
                Table.ratio(cachedMs / bareMs),
                "≤ " + Table.ratio(TOKEN_BUDGET),
                cachedMs / bareMs <= TOKEN_BUDGET ? Table.Verdict.MET : Table.Verdict.MISSED));
        table.add(new Table.Row(
                "./orders token alice, whole process (ORDERS_JVM_CACHE=off)",
                Table.number(uncachedMs, 0) + " ms",
                Table.number(bareMs, 0) + " ms (java -version)",
                Table.ratio(uncachedMs / bareMs),
                "",
                Table.Verdict.NONE));

        String upData = layout.work("up-data").toString();
        if (!settings.isQuick()) {
            timeToReady(
                    orders, upData, Map.of(),
                    log); // the first start publishes every function's first version: not measured
        }
        List<Double> upCached = new ArrayList<>();
        List<Double> upUncached = new ArrayList<>();
        for (int i = 0; i < upRuns; i++) {
            upCached.add(timeToReady(orders, upData, Map.of(), log));
            upUncached.add(timeToReady(orders, upData, Map.of("ORDERS_JVM_CACHE", "off"), log));
        }
        double upCachedMs = Samples.of(upCached).median();
        double upUncachedMs = Samples.of(upUncached).median();
        table.add(new Table.Row(
                "./orders up to 'ready' (JVM cache)",
                Table.number(upCachedMs, 0) + " ms",
                Table.number(upUncachedMs, 0) + " ms (ORDERS_JVM_CACHE=off)",
                Table.ratio(upCachedMs / upUncachedMs),
                "≤ " + Table.ratio(UP_BUDGET),
                upCachedMs / upUncachedMs <= UP_BUDGET ? Table.Verdict.MET : Table.Verdict.MISSED));
        notes.add("cli: medians of " + runs + " runs each, in turn (ms): java -version " + rounded(bare)
                + "; ./orders token alice "
                + rounded(cached) + " with the cache, " + rounded(uncached)
                + " without; ./orders up --port 0 to its ready line "
                + "(data folder published by an earlier start) " + rounded(upCached) + " with the cache, "
                + rounded(upUncached)
                + " without (" + Table.ratio(upCachedMs / bareMs)
                + " a bare JVM start); caches built first by ./orders jvm-cache; "
                + "commands: bash orders token alice --data DIR, bash orders up --port 0 --data DIR, " + layout.java()
                + " -version");
    }

    private static List<Long> rounded(List<Double> millis) {
        return millis.stream().map(Math::round).toList();
    }

    private Process start(List<String> command, Map<String, String> env, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(layout.root().toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Milliseconds from start to exit, all output read; fails unless it exits 0. */
    private double wholeProcess(List<String> command, Map<String, String> env, Path log) {
        long start = System.nanoTime();
        finish(start(command, env, log), 120, String.join(" ", command));
        return (System.nanoTime() - start) / 1e6;
    }

    /** Milliseconds from starting ./orders up to its "ready" line; then stops it as Ctrl-C would (SIGTERM). */
    private double timeToReady(String orders, String data, Map<String, String> env, Path log) {
        long start = System.nanoTime();
        Process process = start(List.of("bash", orders, "up", "--port", "0", "--data", data), env, log);
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("ready ")) {
                    double millis = (System.nanoTime() - start) / 1e6;
                    process.destroy();
                    if (!process.waitFor(120, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                        throw new IllegalStateException("./orders up did not stop within 120 s of SIGTERM");
                    }
                    return millis;
                }
            }
            throw new IllegalStateException(
                    "./orders up exited (" + process.waitFor() + ") without a ready line; see " + log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void finish(Process process, long timeoutSeconds, String what) {
        try {
            process.getInputStream().transferTo(OutputStream.nullOutputStream());
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(what + " ran over " + timeoutSeconds + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(what + " exited with " + process.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
