package dev.orders.bench.cold;

import dev.orders.bench.Bench;
import dev.orders.bench.Layout;
import dev.orders.bench.Settings;
import dev.orders.bench.Table;
import dev.orders.bench.cold.ColdStarts.Handler;
import dev.orders.local.template.SamTemplate;
import java.nio.file.Files;
import java.util.List;

/** Rows: cold start p50 and p90 per JVM variant beside hello-world, loaded classes, artifact size. Budget: p50 ≤ 2×. */
public final class ColdStartSection implements Bench.Section {

    static final double BUDGET = 2.0;

    private final Layout layout;
    private final Settings settings;

    public ColdStartSection(Layout layout, Settings settings) {
        this.layout = layout;
        this.settings = settings;
    }

    @Override
    public void run(Table table, List<String> notes) throws Exception {
        LambdaFlags flags =
                LambdaFlags.of(SamTemplate.read(layout.root().resolve("infra/template.yaml")), "OrderApiFunction");
        List<JvmVariant> variants = settings.allJvmVariants()
                ? List.of(JvmVariant.jvmDefaults(), JvmVariant.asDeployed(), JvmVariant.appCds(), JvmVariant.aotCache())
                : List.of(JvmVariant.asDeployed(), JvmVariant.aotCache());
        try (DynaliteProcess dynalite = DynaliteProcess.start(layout.emulators())) {
            ColdStarts cold = new ColdStarts(layout, flags, dynalite.functionEnvironment());
            for (JvmVariant variant : variants) {
                ColdStarts.Result result = cold.measure(variant, settings.coldStartRuns());
                ColdStarts.Runs api = result.of(Handler.ORDER_API);
                ColdStarts.Runs hello = result.of(Handler.HELLO);
                double ratio = api.wallMillis().median() / hello.wallMillis().median();
                table.add(new Table.Row(
                        "cold start p50, " + variant.name(),
                        ms(api.wallMillis().median()),
                        ms(hello.wallMillis().median()),
                        Table.ratio(ratio),
                        "≤ " + Table.ratio(BUDGET),
                        ratio <= BUDGET ? Table.Verdict.MET : Table.Verdict.MISSED));
                table.add(new Table.Row(
                        "cold start p90, " + variant.name(),
                        ms(api.wallMillis().percentile(90)),
                        ms(hello.wallMillis().percentile(90)),
                        Table.ratio(api.wallMillis().percentile(90)
                                / hello.wallMillis().percentile(90)),
                        "",
                        Table.Verdict.NONE));
                notes.add("cold start, " + variant.name() + ": "
                        + api.wallMillis().count() + " runs each; OrderApi init (constructor) p50 "
                        + ms(api.initMillis().median()) + ", first invocation p50 "
                        + ms(api.invokeMillis().median())
                        + "; hello init p50 " + ms(hello.initMillis().median()) + ", invocation p50 "
                        + ms(hello.invokeMillis().median()));
            }
            JvmVariant deployed = JvmVariant.asDeployed();
            table.add(new Table.Row(
                    "loaded classes to first response (as deployed)",
                    Table.number(cold.loadedClasses(Handler.ORDER_API, deployed), 0),
                    Table.number(cold.loadedClasses(Handler.HELLO, deployed), 0),
                    "",
                    "",
                    Table.Verdict.NONE));
            long bytes = Files.size(layout.functionsJar());
            table.add(new Table.Row(
                    "artifact size (orders-functions.jar)",
                    Table.number(bytes / 1024.0 / 1024.0, 1) + " MiB",
                    "",
                    "",
                    "",
                    Table.Verdict.NONE));
            notes.add("cold start command (OrderApi, as deployed; env "
                    + cold.environment(deployed).keySet() + "): "
                    + (flags.toolOptions()
                            .map(o -> "JAVA_TOOL_OPTIONS='" + o + "' ")
                            .orElse(""))
                    + cold.commandLine(deployed, Handler.ORDER_API));
        }
    }

    static String ms(double millis) {
        return Table.number(millis, 0) + " ms";
    }
}
