package dev.orders.local.metrics.runtime;

import dev.orders.local.lambda.LambdaObserver;
import dev.orders.local.metrics.Dimensions;
import dev.orders.local.metrics.MetricId;
import dev.orders.local.metrics.MetricsRecorder;
import dev.orders.local.metrics.Unit;
import dev.orders.local.metrics.emf.EmfIngest;
import dev.orders.local.time.TimeScale;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lambda's invocation metrics in {@code AWS/Lambda}, from the local Lambda's environments, with the dimension sets
 * Lambda publishes: the account (none), {@code FunctionName}, {@code FunctionName}+{@code Resource} (the invoked
 * resource: {@code Function:live}, {@code Function:3}, or the function for $LATEST) and, for alias invocations only,
 * {@code FunctionName}+{@code Resource}+{@code ExecutedVersion}. Invocations, Errors (0 or 1 per invocation, so Sum
 * counts errors and Average is the error rate), Duration (every value kept, so percentiles are exact), Throttles,
 * ConcurrentExecutions (the executions in flight when one is admitted), UnreservedConcurrentExecutions,
 * ProvisionedConcurrencyInvocations and ProvisionedConcurrencySpilloverInvocations. The functions' own output
 * lines go to EMF ingestion, attributed to the function that printed them.
 */
public final class LambdaMetrics implements LambdaObserver {

    public static final String NAMESPACE = "AWS/Lambda";

    private final MetricsRecorder recorder;
    private final TimeScale time;
    private final EmfIngest emf;
    private final Map<String, List<Dimensions>> dimensions = new ConcurrentHashMap<>();
    private final MetricId accountConcurrency = new MetricId(NAMESPACE, "ConcurrentExecutions", Dimensions.NONE);
    private final MetricId accountUnreserved =
            new MetricId(NAMESPACE, "UnreservedConcurrentExecutions", Dimensions.NONE);

    public LambdaMetrics(MetricsRecorder recorder, TimeScale time, EmfIngest emf) {
        this.recorder = recorder;
        this.time = time;
        this.emf = emf;
    }

    /** The dimension sets an invocation counts in: account, function, resource, and (alias only) executed version. */
    private List<Dimensions> sets(String function, String resource, String executedVersion, boolean viaAlias) {
        String key = function + "\u0000" + resource + "\u0000" + (viaAlias ? executedVersion : "");
        return dimensions.computeIfAbsent(key, k -> {
            List<Dimensions> sets = new ArrayList<>(List.of(
                    Dimensions.NONE,
                    Dimensions.of("FunctionName", function),
                    Dimensions.of("FunctionName", function, "Resource", resource)));
            if (viaAlias) {
                sets.add(Dimensions.of(
                        "FunctionName", function, "Resource", resource, "ExecutedVersion", executedVersion));
            }
            return List.copyOf(sets);
        });
    }

    @Override
    public void throttled(String function, String resource, String reason) {
        Instant now = time.instant();
        for (Dimensions d : sets(function, resource, "", false)) {
            recorder.put(new MetricId(NAMESPACE, "Throttles", d), 1, Unit.COUNT, now);
        }
    }

    @Override
    public void admitted(
            String function, String resource, int functionExecutions, int accountExecutions, int unreservedExecutions) {
        Instant now = time.instant();
        List<Dimensions> sets = sets(function, resource, "", false);
        recorder.put(accountConcurrency, accountExecutions, Unit.COUNT, now);
        recorder.put(new MetricId(NAMESPACE, "ConcurrentExecutions", sets.get(1)), functionExecutions, Unit.COUNT, now);
        recorder.put(new MetricId(NAMESPACE, "ConcurrentExecutions", sets.get(2)), functionExecutions, Unit.COUNT, now);
        recorder.put(accountUnreserved, unreservedExecutions, Unit.COUNT, now);
    }

    @Override
    public void completed(Report report) {
        Instant now = time.instant();
        double millis = Math.round(report.duration().toNanos() / 10_000.0)
                / 100.0; // Lambda reports Duration to the hundredth of a millisecond
        List<Dimensions> sets = sets(report.function(), report.resource(), report.executedVersion(), report.viaAlias());
        for (Dimensions d : sets) {
            recorder.put(new MetricId(NAMESPACE, "Invocations", d), 1, Unit.COUNT, now);
            recorder.put(new MetricId(NAMESPACE, "Errors", d), report.error() ? 1 : 0, Unit.COUNT, now);
            recorder.put(new MetricId(NAMESPACE, "Duration", d), millis, Unit.MILLISECONDS, now);
            if (report.provisioned()) {
                recorder.put(new MetricId(NAMESPACE, "ProvisionedConcurrencyInvocations", d), 1, Unit.COUNT, now);
            }
            if (report.spillover()) {
                recorder.put(
                        new MetricId(NAMESPACE, "ProvisionedConcurrencySpilloverInvocations", d), 1, Unit.COUNT, now);
            }
        }
    }

    @Override
    public void output(String function, String version, String line) {
        if (line.contains("\"_aws\"")) {
            emf.accept(function, line);
        }
    }

    /** IteratorAge of a stream mapping's finished batch, by function and by the alias the mapping invokes. */
    public void iteratorAge(String function, long millis) {
        Instant now = time.instant();
        recorder.put(
                new MetricId(NAMESPACE, "IteratorAge", Dimensions.of("FunctionName", function)),
                millis,
                Unit.MILLISECONDS,
                now);
        recorder.put(
                new MetricId(
                        NAMESPACE,
                        "IteratorAge",
                        Dimensions.of("FunctionName", function, "Resource", function + ":live")),
                millis,
                Unit.MILLISECONDS,
                now);
    }
}
