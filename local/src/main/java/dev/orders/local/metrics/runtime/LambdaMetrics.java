package dev.orders.local.metrics.runtime;

import dev.orders.local.lambda.FunctionSettings;
import dev.orders.local.lambda.LocalFunction;
import dev.orders.local.metrics.Dimensions;
import dev.orders.local.metrics.MetricId;
import dev.orders.local.metrics.MetricsRecorder;
import dev.orders.local.metrics.Unit;
import dev.orders.local.time.TimeScale;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lambda's invocation metrics in {@code AWS/Lambda}, with the dimension sets Lambda publishes: the account
 * (none), {@code FunctionName}, {@code FunctionName}+{@code Resource} ({@code Function:live}, the alias every
 * trigger invokes) and {@code FunctionName}+{@code Resource}+{@code ExecutedVersion}. Invocations, Errors (0 or 1
 * per invocation, so Sum counts errors and Average is the error rate), Duration (every value kept, so
 * percentiles are exact), Throttles, ConcurrentExecutions (the environments in use when one is taken) and
 * UnreservedConcurrentExecutions.
 */
public final class LambdaMetrics implements LocalFunction.Observer {

    public static final String NAMESPACE = "AWS/Lambda";
    public static final String ALIAS = "live";

    private final MetricsRecorder recorder;
    private final TimeScale time;
    private final Map<String, Ids> ids = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger unreserved = new AtomicInteger();
    private final MetricId accountConcurrency = new MetricId(NAMESPACE, "ConcurrentExecutions", Dimensions.NONE);
    private final MetricId accountUnreserved = new MetricId(NAMESPACE, "UnreservedConcurrentExecutions", Dimensions.NONE);

    /** The metric ids of one function, built once: recording an invocation allocates no dimension set. */
    private record Ids(List<MetricId> invocations, List<MetricId> errors, List<MetricId> duration, List<MetricId> throttles,
                       MetricId concurrency, MetricId aliasConcurrency) {
        static Ids of(String function, String version) {
            Dimensions byFunction = Dimensions.of("FunctionName", function);
            Dimensions byAlias = Dimensions.of("FunctionName", function, "Resource", function + ":" + ALIAS);
            Dimensions byVersion = Dimensions.of("FunctionName", function, "Resource", function + ":" + ALIAS, "ExecutedVersion", version);
            List<Dimensions> all = List.of(Dimensions.NONE, byFunction, byAlias, byVersion);
            return new Ids(ids("Invocations", all), ids("Errors", all), ids("Duration", all), ids("Throttles", all.subList(0, 3)),
                    new MetricId(NAMESPACE, "ConcurrentExecutions", byFunction), new MetricId(NAMESPACE, "ConcurrentExecutions", byAlias));
        }

        private static List<MetricId> ids(String name, List<Dimensions> sets) {
            return sets.stream().map(d -> new MetricId(NAMESPACE, name, d)).toList();
        }
    }

    public LambdaMetrics(MetricsRecorder recorder, TimeScale time) {
        this.recorder = recorder;
        this.time = time;
    }

    private Ids ids(String function, String version) {
        return ids.computeIfAbsent(function + "\u0000" + version, k -> Ids.of(function, version));
    }

    @Override
    public void throttled(FunctionSettings function) {
        Instant now = time.instant();
        for (MetricId id : ids(function.logicalId(), "1").throttles()) {
            recorder.put(id, 1, Unit.COUNT, now);
        }
    }

    @Override
    public void started(FunctionSettings function) {
        int mine = inFlight.computeIfAbsent(function.logicalId(), f -> new AtomicInteger()).incrementAndGet();
        int all = total.incrementAndGet();
        Instant now = time.instant();
        Ids ids = ids(function.logicalId(), "1");
        recorder.put(ids.concurrency(), mine, Unit.COUNT, now);
        recorder.put(ids.aliasConcurrency(), mine, Unit.COUNT, now);
        recorder.put(accountConcurrency, all, Unit.COUNT, now);
        if (function.reservedConcurrency().isEmpty()) {
            recorder.put(accountUnreserved, unreserved.incrementAndGet(), Unit.COUNT, now);
        }
    }

    @Override
    public void released(FunctionSettings function) {
        inFlight.get(function.logicalId()).decrementAndGet();
        total.decrementAndGet();
        if (function.reservedConcurrency().isEmpty()) {
            unreserved.decrementAndGet();
        }
    }

    @Override
    public void completed(FunctionSettings function, String version, boolean error, Duration duration) {
        Instant now = time.instant();
        Ids ids = ids(function.logicalId(), version);
        double millis = Math.round(duration.toNanos() / 10_000.0) / 100.0; // Lambda reports Duration to the hundredth of a millisecond
        for (int i = 0; i < ids.invocations().size(); i++) {
            recorder.put(ids.invocations().get(i), 1, Unit.COUNT, now);
            recorder.put(ids.errors().get(i), error ? 1 : 0, Unit.COUNT, now);
            recorder.put(ids.duration().get(i), millis, Unit.MILLISECONDS, now);
        }
    }

    /** IteratorAge of a stream mapping's finished batch, by function and by alias. */
    public void iteratorAge(String function, long millis) {
        Instant now = time.instant();
        recorder.put(new MetricId(NAMESPACE, "IteratorAge", Dimensions.of("FunctionName", function)), millis, Unit.MILLISECONDS, now);
        recorder.put(new MetricId(NAMESPACE, "IteratorAge", Dimensions.of("FunctionName", function, "Resource", function + ":" + ALIAS)),
                millis, Unit.MILLISECONDS, now);
    }
}
