package dev.orders.bench.stream;

import dev.orders.bench.Bench;
import dev.orders.bench.JavaChild;
import dev.orders.bench.Layout;
import dev.orders.bench.Settings;
import dev.orders.bench.Table;
import dev.orders.bench.load.EndToEndSection;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Row: records per second through FulfillmentEvents via the local mapping, beside decode-only. Budget ≥ 10,000/s. */
public final class StreamSection implements Bench.Section {

    static final double BUDGET = 10_000;

    private final Layout layout;
    private final Settings settings;

    public StreamSection(Layout layout, Settings settings) {
        this.layout = layout;
        this.settings = settings;
    }

    @Override
    public void run(Table table, List<String> notes) {
        var result = layout.work("stream.properties");
        JavaChild child = new JavaChild(layout)
                .options(EndToEndSection.UP_FLAGS)
                .env(Map.of("POWERTOOLS_SERVICE_NAME", "orders"))
                .main(
                        layout.benchClasspath(),
                        StreamMain.class.getName(),
                        layout.work().toString(),
                        Integer.toString(settings.streamRecords()),
                        result.toString());
        Properties p = child.resultOf(result, layout.work("stream.stdout.log"), layout.work("stream.stderr.log"), 900);
        long orders = Long.parseLong(p.getProperty("orders"));
        long delivered = Long.parseLong(p.getProperty("delivered"));
        if (delivered != orders
                || !"0".equals(p.getProperty("quarantined"))
                || !"0".equals(p.getProperty("failedBatches"))) {
            throw new IllegalStateException("the stream did not apply every record: " + delivered + " of " + orders
                    + " orders delivered, quarantined " + p.getProperty("quarantined") + ", failed batches "
                    + p.getProperty("failedBatches"));
        }
        double platform = Double.parseDouble(p.getProperty("platform.recordsPerSecond"));
        double decode = Double.parseDouble(p.getProperty("decode.recordsPerSecond"));
        table.add(new Table.Row(
                "stream records/s through FulfillmentEvents (10 shards, dedupe)",
                Table.number(platform, 0) + " rec/s",
                Table.number(decode, 0) + " rec/s",
                Table.ratio(platform / decode),
                "≥ " + Table.number(BUDGET, 0) + " rec/s",
                platform >= BUDGET ? Table.Verdict.MET : Table.Verdict.MISSED));
        notes.add("stream: " + p.getProperty("records") + " records (" + orders
                + " paid orders × PICKED, SHIPPED, DELIVERED) put first, "
                + "then the mapping started and timed to its last checkpoint ("
                + Table.number(Double.parseDouble(p.getProperty("platform.seconds")), 2)
                + " s); all " + delivered
                + " orders DELIVERED, none quarantined; batching window 0 (full batches of 100); command: "
                + child.describe());
    }
}
