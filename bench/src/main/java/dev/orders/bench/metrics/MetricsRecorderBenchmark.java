package dev.orders.bench.metrics;

import dev.orders.local.lambda.LambdaObserver;
import dev.orders.local.metrics.MetricId;
import dev.orders.local.metrics.MetricsStore;
import dev.orders.local.metrics.Unit;
import dev.orders.local.metrics.emf.EmfIngest;
import dev.orders.local.metrics.runtime.LambdaMetrics;
import dev.orders.local.store.Database;
import dev.orders.local.time.TimeScale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What recording costs on the invocation path: one value into the metrics store (buffered, flushed to SQLite
 * once a second by the store's own thread, which runs during the measurement), and one invocation's worth of
 * Lambda metrics (Invocations, Errors, Duration under four dimension sets: twelve values).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MetricsRecorderBenchmark {

    private Path folder;
    private Database db;
    private MetricsStore store;
    private LambdaMetrics lambda;
    private final MetricId metric = MetricId.of("AWS/Lambda", "Duration", "FunctionName", "OrderApiFunction");
    private final LambdaObserver.Report invocation = new LambdaObserver.Report(
            "OrderApiFunction",
            "OrderApiFunction:live",
            "1",
            true,
            false,
            Duration.ofNanos(12_345_678),
            false,
            false,
            false);
    private long tick;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        folder = Files.createTempDirectory("metrics-bench");
        db = new Database(folder.resolve("metrics.db"));
        TimeScale time = TimeScale.real();
        store = new MetricsStore(db, time).start();
        lambda = new LambdaMetrics(store, time, new EmfIngest(store, time));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        store.close();
        db.close();
    }

    @Benchmark
    public void putOneValue() {
        store.put(metric, (tick++ % 5000) / 10.0, Unit.MILLISECONDS, Instant.now());
    }

    @Benchmark
    public void recordOneInvocation() {
        lambda.completed(invocation);
    }
}
