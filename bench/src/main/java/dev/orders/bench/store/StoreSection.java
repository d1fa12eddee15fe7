package dev.orders.bench.store;

import dev.orders.bench.Bench;
import dev.orders.bench.JavaChild;
import dev.orders.bench.Layout;
import dev.orders.bench.Samples;
import dev.orders.bench.Settings;
import dev.orders.bench.Table;
import dev.orders.bench.load.EndToEndSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Rows: orders/s through the local store's order path (idempotency read, placing transaction, read back) with read
 * connections beside the writer, and with group commit as well, each beside the one-connection store it replaced,
 * in the same child JVM, configurations taking turns (medians of the rounds). Budget: neither is slower (≥ 1.0×).
 */
public final class StoreSection implements Bench.Section {

    static final double BUDGET = 1.0;
    static final int THREADS = 16;

    private final Layout layout;
    private final Settings settings;

    public StoreSection(Layout layout, Settings settings) {
        this.layout = layout;
        this.settings = settings;
    }

    @Override
    public void run(Table table, List<String> notes) {
        int rounds = settings.isQuick() ? 1 : 3;
        long millis = settings.loadDuration().toMillis() / 2;
        var result = layout.work("store.properties");
        JavaChild child = new JavaChild(layout)
                .options(EndToEndSection.UP_FLAGS)
                .main(
                        layout.benchClasspath(),
                        StoreMain.class.getName(),
                        layout.work().toString(),
                        Integer.toString(THREADS),
                        Long.toString(millis),
                        Integer.toString(rounds),
                        result.toString());
        Properties p = child.resultOf(result, layout.work("store.stdout.log"), layout.work("store.stderr.log"), 600);
        double single = median(p, "single", rounds);
        for (String config : List.of("readers", "group", "groupOnly")) {
            double figure = median(p, config, rounds);
            double ratio = figure / single;
            table.add(new Table.Row(
                    "store orders/s, "
                            + switch (config) {
                                case "readers" -> "read connections beside the writer";
                                case "group" -> "read connections + group commit";
                                default -> "group commit, reads on the writer";
                            }
                            + " (" + THREADS + " threads)",
                    Table.number(figure, 0) + " /s",
                    Table.number(single, 0) + " /s",
                    Table.ratio(ratio),
                    "≥ " + Table.ratio(BUDGET),
                    ratio >= BUDGET ? Table.Verdict.MET : Table.Verdict.MISSED));
        }
        notes.add("store: " + THREADS
                + " virtual threads each placing orders (AcceptingOrders: idempotency read, placing transaction) "
                + "and reading each back, " + millis + " ms per configuration, " + rounds
                + " round(s) after a warm-up round, "
                + "configurations in turn; baseline: one connection for reads and writes, one commit per write; command: "
                + child.describe());
    }

    private static double median(Properties p, String config, int rounds) {
        List<Double> values = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            String value = p.getProperty(config + "." + round);
            if (value == null) {
                throw new IllegalStateException("the store child reported no " + config + "." + round);
            }
            values.add(Double.parseDouble(value));
        }
        return Samples.of(values).median();
    }
}
