package dev.orders.local.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.local.metrics.emf.EmfIngest;
import dev.orders.local.store.Database;
import dev.orders.local.time.TimeScale;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsStoreTest {

    static final MetricId DURATION = MetricId.of("AWS/Lambda", "Duration", "FunctionName", "OrderApiFunction");

    @TempDir
    Path data;

    @Test
    void values_land_in_their_minute_and_survive_a_restart() {
        Instant now = Instant.now();
        try (Database db = new Database(data.resolve("metrics.db"));
                MetricsStore store = new MetricsStore(db, TimeScale.real())) {
            for (int i = 1; i <= 100; i++) {
                store.put(DURATION, i, Unit.MILLISECONDS, now);
            }
            store.put(DURATION, 500, Unit.MILLISECONDS, now.minusSeconds(120));
        }
        try (Database db = new Database(data.resolve("metrics.db"));
                MetricsStore store = new MetricsStore(db, TimeScale.real())) {
            TimeSeries p95 = new MetricStatQuery(store)
                    .series(
                            DURATION,
                            Statistic.parse("p95"),
                            60,
                            Optional.empty(),
                            now.minusSeconds(300),
                            now.plusSeconds(60));
            assertThat(p95.points().values()).containsExactly(500.0, 95.0);
            TimeSeries count = new MetricStatQuery(store)
                    .series(
                            DURATION,
                            Statistic.Basic.SampleCount,
                            300,
                            Optional.empty(),
                            now.minusSeconds(600),
                            now.plusSeconds(60));
            assertThat(count.points().values().stream()
                            .mapToDouble(Double::doubleValue)
                            .sum())
                    .isEqualTo(101);
            assertThat(store.metrics()).containsExactly(DURATION);
            assertThat(MetricsStore.latest(db)).isPresent();
        }
    }

    @Test
    void values_older_than_the_retention_are_dropped() {
        Instant now = Instant.now();
        try (Database db = new Database(data.resolve("metrics.db"));
                MetricsStore store = new MetricsStore(db, TimeScale.real())) {
            store.put(
                    DURATION,
                    1,
                    Unit.MILLISECONDS,
                    now.minus(MetricsStore.RETENTION).minusSeconds(120));
            store.put(DURATION, 2, Unit.MILLISECONDS, now);
            store.flush();
            assertThat(store.minutes(DURATION, Optional.empty(), 0, Long.MAX_VALUE))
                    .hasSize(1);
        }
    }

    @Test
    void a_unit_filter_sees_only_the_values_recorded_with_that_unit() {
        Instant now = Instant.now();
        try (Database db = new Database(data.resolve("metrics.db"));
                MetricsStore store = new MetricsStore(db, TimeScale.real())) {
            store.put(DURATION, 1, Unit.MILLISECONDS, now);
            store.put(DURATION, 3, Unit.SECONDS, now);
            long minute = MetricsStore.minuteOf(now);
            assertThat(store.minutes(DURATION, Optional.of(Unit.SECONDS), minute, minute + 1)
                            .firstEntry()
                            .getValue()
                            .sum())
                    .isEqualTo(3);
            assertThat(store.minutes(DURATION, Optional.empty(), minute, minute + 1)
                            .firstEntry()
                            .getValue()
                            .sum())
                    .isEqualTo(4);
        }
    }

    @Test
    void concurrent_recorders_lose_no_value_across_flushes() throws Exception {
        Instant now = Instant.now();
        try (Database db = new Database(data.resolve("metrics.db"));
                MetricsStore store = new MetricsStore(db, TimeScale.real())) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            for (int t = 0; t < 4; t++) {
                pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        store.put(DURATION, 1, Unit.MILLISECONDS, now);
                        if (i % 1000 == 0) {
                            store.flush();
                        }
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            long minute = MetricsStore.minuteOf(now);
            assertThat(store.minutes(DURATION, Optional.empty(), minute, minute + 1)
                            .firstEntry()
                            .getValue()
                            .sampleCount())
                    .isEqualTo(20_000);
        }
    }

    @Test
    void a_statistic_set_keeps_percentiles_only_when_it_stands_for_one_value() {
        Instant now = Instant.now();
        MetricId custom = MetricId.of("Shop", "Latency");
        try (Database db = new Database(data.resolve("metrics.db"));
                MetricsStore store = new MetricsStore(db, TimeScale.real())) {
            store.putStatistics(custom, new MetricsRecorder.StatisticSet(4, 40, 10, 10), Unit.NONE, now);
            long minute = MetricsStore.minuteOf(now);
            Aggregate single = store.minutes(custom, Optional.empty(), minute, minute + 1)
                    .firstEntry()
                    .getValue();
            assertThat(Statistic.parse("p50").of(single)).hasValue(10);
            store.putStatistics(custom, new MetricsRecorder.StatisticSet(2, 30, 5, 25), Unit.NONE, now);
            Aggregate mixed = store.minutes(custom, Optional.empty(), minute, minute + 1)
                    .firstEntry()
                    .getValue();
            assertThat(Statistic.parse("p50").of(mixed)).isEmpty();
            assertThat(Statistic.Basic.Average.of(mixed)).hasValue(70.0 / 6);
        }
    }

    @Test
    void invalid_emf_is_ignored_and_counted_in_aws_logs() {
        Instant now = Instant.now();
        try (Database db = new Database(data.resolve("metrics.db"));
                MetricsStore store = new MetricsStore(db, TimeScale.real())) {
            EmfIngest ingest = new EmfIngest(store, TimeScale.real());
            ingest.accept(
                    "OrderApiFunction",
                    "{\"_aws\":{\"Timestamp\":" + now.toEpochMilli()
                            + ",\"CloudWatchMetrics\":[{\"Namespace\":\"Orders\",\"Dimensions\":[[\"Service\"]],\"Metrics\":[{\"Name\":\"OrdersAccepted\",\"Unit\":\"Count\"}]}]},"
                            + "\"OrdersAccepted\":1,\"Service\":\"OrderApi\"}");
            ingest.accept(
                    "OrderApiFunction",
                    "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"Orders\"}]}}");
            ingest.accept("OrderApiFunction", "{\"_aws\": not json");
            ingest.accept("OrderApiFunction", "{\"level\":\"INFO\"}");
            assertThat(ingest.acceptedDocuments()).isEqualTo(1);
            assertThat(ingest.rejectedDocuments()).isEqualTo(2);
            assertThat(store.metrics())
                    .contains(
                            MetricId.of("Orders", "OrdersAccepted", "Service", "OrderApi"),
                            MetricId.of(
                                    "AWS/Logs", "EMFValidationErrors", "LogGroupName", "/aws/lambda/OrderApiFunction"),
                            MetricId.of(
                                    "AWS/Logs", "EMFParsingErrors", "LogGroupName", "/aws/lambda/OrderApiFunction"));
        }
    }
}
