package dev.orders.local.metrics;

import dev.orders.local.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics of the local runtime, one row per metric, (scaled) minute and unit: sample count, sum,
 * minimum, maximum and the distribution of values, in the data folder for {@link #RETENTION} of scaled
 * time so a restart keeps recent history. Values are buffered in memory (one synchronized add per value)
 * and flushed once a second; every query flushes first, so it sees every value recorded before it.
 */
public final class MetricsStore implements MetricsRecorder, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsStore.class);
    public static final Duration RETENTION = Duration.ofHours(24);
    /** CloudWatch accepts values from two weeks back to two hours ahead; locally the retention bounds the past. */
    public static final Duration MAX_FUTURE = Duration.ofHours(2);

    private final Database db;
    private final Clock clock;
    private final Map<Key, Accumulator> buffer = new ConcurrentHashMap<>();
    private final Map<MetricId, Long> ids = new ConcurrentHashMap<>();
    private final Object flushLock = new Object();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("metrics-flush").factory());
    private volatile long prunedUpTo = Long.MIN_VALUE;

    private record Key(MetricId metric, long minute, Unit unit) {}

    public MetricsStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        schema(db);
    }

    private static void schema(Database db) {
        db.schema("""
                CREATE TABLE IF NOT EXISTS metric_ids (
                  id INTEGER PRIMARY KEY, namespace TEXT NOT NULL, name TEXT NOT NULL, dimensions TEXT NOT NULL,
                  UNIQUE (namespace, name, dimensions))""", """
                CREATE TABLE IF NOT EXISTS metric_minutes (
                  metric INTEGER NOT NULL, minute INTEGER NOT NULL, unit TEXT NOT NULL, sample_count REAL NOT NULL,
                  sum REAL NOT NULL, minimum REAL NOT NULL, maximum REAL NOT NULL, distribution BLOB,
                  PRIMARY KEY (metric, minute, unit)) WITHOUT ROWID""", "CREATE INDEX IF NOT EXISTS metric_minutes_by_minute ON metric_minutes (minute)");
    }

    /** The end of the newest minute with a value in {@code db}: where scaled time resumes after a restart. */
    public static Optional<Instant> latest(Database db) {
        schema(db);
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT MAX(minute) FROM metric_minutes");
                    ResultSet rs = s.executeQuery()) {
                long minute = rs.getLong(1);
                return rs.wasNull()
                        ? Optional.<Instant>empty()
                        : Optional.of(Instant.ofEpochMilli((minute + 1) * 60_000L));
            }
        });
    }

    /** Flushes once a second (real time) and drops what is older than the retention. */
    public MetricsStore start() {
        flusher.scheduleWithFixedDelay(
                () -> {
                    try {
                        flush();
                    } catch (RuntimeException failure) {
                        LOG.warn("metrics flush failed; the values stay buffered", failure);
                    }
                },
                1,
                1,
                TimeUnit.SECONDS);
        return this;
    }

    public static long minuteOf(Instant timestamp) {
        return Math.floorDiv(timestamp.toEpochMilli(), 60_000L);
    }

    @Override
    public void put(MetricId metric, double value, double count, Unit unit, Instant timestamp) {
        if (!Double.isFinite(value) || !(count > 0)) {
            throw new IllegalArgumentException("a metric value is a finite number with a positive count");
        }
        Key key = new Key(metric, minuteOf(timestamp), unit);
        while (!buffer.computeIfAbsent(key, k -> new Accumulator()).add(value, count)) {
            Thread.onSpinWait();
        }
    }

    @Override
    public void putStatistics(MetricId metric, StatisticSet set, Unit unit, Instant timestamp) {
        Key key = new Key(metric, minuteOf(timestamp), unit);
        while (!buffer.computeIfAbsent(key, k -> new Accumulator()).add(set)) {
            Thread.onSpinWait();
        }
    }

    /** Values of one metric and minute, added to under the accumulator's lock until the flush closes it. */
    private static final class Accumulator {
        private double[] values = new double[4];
        private double[] counts = new double[4];
        private int size;
        private double sampleCount;
        private double sum;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;
        private boolean valuesHidden;
        private boolean closed;

        synchronized boolean add(double value, double count) {
            if (closed) {
                return false;
            }
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
                counts = Arrays.copyOf(counts, size * 2);
            }
            values[size] = value;
            counts[size++] = count;
            sampleCount += count;
            sum += value * count;
            min = Math.min(min, value);
            max = Math.max(max, value);
            return true;
        }

        synchronized boolean add(StatisticSet set) {
            if (closed) {
                return false;
            }
            // CloudWatch keeps percentiles for a statistic set only when it stands for one value (SampleCount 1 or Min
            // = Max).
            if (set.sampleCount() == 1 || set.minimum() == set.maximum()) {
                boolean added = add(set.minimum(), set.sampleCount());
                sum += set.sum() - set.minimum() * set.sampleCount();
                return added;
            }
            valuesHidden = true;
            sampleCount += set.sampleCount();
            sum += set.sum();
            min = Math.min(min, set.minimum());
            max = Math.max(max, set.maximum());
            return true;
        }

        synchronized Aggregate close() {
            closed = true;
            Distribution distribution = valuesHidden ? null : Distribution.of(values, counts, size);
            return new Aggregate(sampleCount, sum, min, max, distribution);
        }
    }

    /** Writes every buffered value to the database, merged into the rows already there. */
    public void flush() {
        synchronized (flushLock) {
            if (buffer.isEmpty()) {
                pruneIfDue();
                return;
            }
            Map<Key, Aggregate> taken = new HashMap<>();
            for (Key key : List.copyOf(buffer.keySet())) {
                Accumulator accumulator = buffer.remove(key);
                if (accumulator != null) {
                    taken.put(key, accumulator.close());
                }
            }
            long oldest = minuteOf(clock.instant().minus(RETENTION));
            db.transaction(c -> {
                for (Map.Entry<Key, Aggregate> e : taken.entrySet()) {
                    if (e.getKey().minute() >= oldest) {
                        merge(
                                c,
                                idOf(c, e.getKey().metric()),
                                e.getKey().minute(),
                                e.getKey().unit(),
                                e.getValue());
                    }
                }
                return null;
            });
            pruneIfDue();
        }
    }

    private void pruneIfDue() {
        long oldest = minuteOf(clock.instant().minus(RETENTION));
        if (oldest <= prunedUpTo) {
            return;
        }
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM metric_minutes WHERE minute < ?")) {
                s.setLong(1, oldest);
                s.executeUpdate();
            }
            return null;
        });
        prunedUpTo = oldest;
    }

    private long idOf(Connection c, MetricId metric) throws SQLException {
        Long known = ids.get(metric);
        if (known != null) {
            return known;
        }
        String dimensions = DimensionsJson.write(metric.dimensions());
        try (PreparedStatement s =
                c.prepareStatement("INSERT OR IGNORE INTO metric_ids (namespace, name, dimensions) VALUES (?, ?, ?)")) {
            s.setString(1, metric.namespace());
            s.setString(2, metric.name());
            s.setString(3, dimensions);
            s.executeUpdate();
        }
        try (PreparedStatement s =
                c.prepareStatement("SELECT id FROM metric_ids WHERE namespace = ? AND name = ? AND dimensions = ?")) {
            s.setString(1, metric.namespace());
            s.setString(2, metric.name());
            s.setString(3, dimensions);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                ids.put(metric, id);
                return id;
            }
        }
    }

    private static void merge(Connection c, long metric, long minute, Unit unit, Aggregate added) throws SQLException {
        Aggregate merged = added;
        try (PreparedStatement s = c.prepareStatement("""
                SELECT sample_count, sum, minimum, maximum, distribution FROM metric_minutes
                WHERE metric = ? AND minute = ? AND unit = ?""")) {
            s.setLong(1, metric);
            s.setLong(2, minute);
            s.setString(3, unit.wireName());
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    merged = row(rs).merge(added);
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT OR REPLACE INTO metric_minutes (metric, minute, unit, sample_count, sum, minimum, maximum, distribution)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            s.setLong(1, metric);
            s.setLong(2, minute);
            s.setString(3, unit.wireName());
            s.setDouble(4, merged.sampleCount());
            s.setDouble(5, merged.sum());
            s.setDouble(6, merged.minimum());
            s.setDouble(7, merged.maximum());
            s.setBytes(
                    8,
                    merged.distribution() == null ? null : merged.distribution().toBytes());
            s.executeUpdate();
        }
    }

    private static Aggregate row(ResultSet rs) throws SQLException {
        byte[] distribution = rs.getBytes(5);
        return new Aggregate(
                rs.getDouble(1),
                rs.getDouble(2),
                rs.getDouble(3),
                rs.getDouble(4),
                distribution == null ? null : Distribution.fromBytes(distribution));
    }

    /**
     * The metric's minutes in [{@code fromMinute}, {@code toMinute}), each merged over units unless {@code unit}
     * picks one (CloudWatch: a query with a unit sees only the values recorded with that unit).
     */
    public TreeMap<Long, Aggregate> minutes(MetricId metric, Optional<Unit> unit, long fromMinute, long toMinute) {
        flush();
        return db.read(c -> {
            TreeMap<Long, Aggregate> minutes = new TreeMap<>();
            Long id = ids.get(metric);
            if (id == null) {
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT id FROM metric_ids WHERE namespace = ? AND name = ? AND dimensions = ?")) {
                    s.setString(1, metric.namespace());
                    s.setString(2, metric.name());
                    s.setString(3, DimensionsJson.write(metric.dimensions()));
                    try (ResultSet rs = s.executeQuery()) {
                        if (!rs.next()) {
                            return minutes;
                        }
                        id = rs.getLong(1);
                    }
                }
            }
            String sql = "SELECT sample_count, sum, minimum, maximum, distribution, minute FROM metric_minutes "
                    + "WHERE metric = ? AND minute >= ? AND minute < ?" + (unit.isPresent() ? " AND unit = ?" : "");
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setLong(1, id);
                s.setLong(2, fromMinute);
                s.setLong(3, toMinute);
                if (unit.isPresent()) {
                    s.setString(4, unit.get().wireName());
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        minutes.merge(rs.getLong(6), row(rs), Aggregate::merge);
                    }
                }
            }
            return minutes;
        });
    }

    /** Every metric with a value in the retention window, with the units it was recorded in. */
    public List<MetricId> metrics() {
        flush();
        return db.read(c -> {
            List<MetricId> metrics = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT namespace, name, dimensions FROM metric_ids i
                    WHERE EXISTS (SELECT 1 FROM metric_minutes m WHERE m.metric = i.id) ORDER BY namespace, name, dimensions""");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    metrics.add(new MetricId(rs.getString(1), rs.getString(2), DimensionsJson.read(rs.getString(3))));
                }
            }
            return metrics;
        });
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        try {
            flush();
        } catch (RuntimeException closing) {
            LOG.warn("last metrics flush failed", closing);
        }
    }
}
