package dev.orders.bench.load;

import dev.orders.bench.Bench;
import dev.orders.bench.JavaChild;
import dev.orders.bench.Layout;
import dev.orders.bench.Settings;
import dev.orders.bench.Table;
import java.util.List;
import java.util.Properties;

/**
 * Rows: throughput and p99 of {@code POST /orders} on the local runtime beside a bare JDK server answering 202,
 * same load generator, connections and duration, in one child JVM started as ./orders up starts the runtime.
 * Budget: platform throughput ≥ 0.5 × the bare server's.
 */
public final class EndToEndSection implements Bench.Section {

    static final double BUDGET = 0.5;
    /** The flags ./orders up runs the local runtime with. */
    public static final List<String> UP_FLAGS = List.of(
            "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "--enable-native-access=ALL-UNNAMED");

    private final Layout layout;
    private final Settings settings;

    public EndToEndSection(Layout layout, Settings settings) {
        this.layout = layout;
        this.settings = settings;
    }

    @Override
    public void run(Table table, List<String> notes) {
        long measured = settings.loadDuration().toMillis();
        long warmUp = Math.max(1000, measured / 4);
        var result = layout.work("e2e.properties");
        JavaChild child = new JavaChild(layout)
                .options(UP_FLAGS)
                .env(java.util.Map.of("POWERTOOLS_SERVICE_NAME", "orders"))
                .main(
                        layout.benchClasspath(),
                        EndToEndMain.class.getName(),
                        layout.work().toString(),
                        Integer.toString(settings.loadConnections()),
                        Long.toString(warmUp),
                        Long.toString(measured),
                        result.toString());
        Properties p = child.resultOf(result, layout.work("e2e.stdout.log"), layout.work("e2e.stderr.log"), 300);
        double platform = number(p, "platform.throughput");
        double bare = number(p, "bare.throughput");
        long acknowledged = (long) number(p, "platform.acknowledged");
        long stored = (long) number(p, "platform.storedOrders");
        if (acknowledged != stored) {
            throw new IllegalStateException(
                    "the platform acknowledged " + acknowledged + " orders but stored " + stored);
        }
        if (number(p, "platform.succeeded") == 0) {
            throw new IllegalStateException("no POST /orders got 202 (failed " + p.getProperty("platform.failed")
                    + ", 429 " + p.getProperty("platform.throttled") + "); see " + layout.work("e2e.stdout.log"));
        }
        double ratio = platform / bare;
        table.add(new Table.Row(
                "end-to-end POST /orders throughput (" + settings.loadConnections() + " connections)",
                Table.number(platform, 0) + " req/s",
                Table.number(bare, 0) + " req/s",
                Table.ratio(ratio),
                "≥ " + Table.ratio(BUDGET),
                ratio >= BUDGET ? Table.Verdict.MET : Table.Verdict.MISSED));
        table.add(new Table.Row(
                "end-to-end POST /orders latency p99",
                Table.number(number(p, "platform.p99"), 1) + " ms",
                Table.number(number(p, "bare.p99"), 1) + " ms",
                Table.ratio(number(p, "platform.p99") / number(p, "bare.p99")),
                "",
                Table.Verdict.NONE));
        notes.add("end-to-end: " + settings.loadConnections() + " connections, " + warmUp + " ms warm-up then "
                + measured
                + " ms measured per server; platform 202 " + p.getProperty("platform.succeeded") + ", 429 "
                + p.getProperty("platform.throttled")
                + ", other " + p.getProperty("platform.failed") + "; bare 202 " + p.getProperty("bare.succeeded")
                + ", other "
                + p.getProperty("bare.failed") + "; p50 " + Table.number(number(p, "platform.p50"), 2) + " ms vs "
                + Table.number(number(p, "bare.p50"), 2) + " ms; every acknowledged order stored (" + stored
                + "); command: "
                + child.describe());
    }

    private static double number(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("the end-to-end child reported no " + key);
        }
        return Double.parseDouble(value);
    }
}
