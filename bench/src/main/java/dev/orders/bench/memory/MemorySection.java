package dev.orders.bench.memory;

import dev.orders.bench.Bench;
import dev.orders.bench.JavaChild;
import dev.orders.bench.Layout;
import dev.orders.bench.Settings;
import dev.orders.bench.Table;
import dev.orders.bench.cold.ColdStarts;
import dev.orders.bench.cold.DynaliteProcess;
import dev.orders.bench.cold.JvmVariant;
import dev.orders.bench.cold.LambdaFlags;
import dev.orders.local.template.SamTemplate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Row: peak resident memory (VmHWM) of a function process after N OrderApi invocations through the
 * no-argument constructor (DynamoDB adapters against dynalite), beside hello-world after as many, both in the
 * JVM a 512 MB function gets. Budget: ≤ 192 MB.
 */
public final class MemorySection implements Bench.Section {

    static final int FUNCTION_MEMORY_MB = 512;
    static final double BUDGET_MB = 192;
    private static final Pattern HWM = Pattern.compile("vmHwmKb=(-?\\d+)");

    private final Layout layout;
    private final Settings settings;

    public MemorySection(Layout layout, Settings settings) {
        this.layout = layout;
        this.settings = settings;
    }

    @Override
    public void run(Table table, List<String> notes) throws Exception {
        LambdaFlags flags = LambdaFlags.of(
                        SamTemplate.read(layout.root().resolve("infra/template.yaml")), "OrderApiFunction")
                .withMemory(FUNCTION_MEMORY_MB);
        try (DynaliteProcess dynalite = DynaliteProcess.start(layout.emulators())) {
            ColdStarts runner = new ColdStarts(layout, flags, dynalite.functionEnvironment());
            int n = settings.memoryInvocations();
            double api = peakMb(runner.run(JvmVariant.asDeployed(), ColdStarts.Handler.ORDER_API, n));
            double hello = peakMb(runner.run(JvmVariant.asDeployed(), ColdStarts.Handler.HELLO, n));
            table.add(new Table.Row(
                    "peak RSS after " + Table.number(n, 0) + " OrderApi invocations (512 MB function)",
                    Table.number(api, 0) + " MB",
                    Table.number(hello, 0) + " MB",
                    Table.ratio(api / hello),
                    "≤ " + Table.number(BUDGET_MB, 0) + " MB",
                    api <= BUDGET_MB ? Table.Verdict.MET : Table.Verdict.MISSED));
            notes.add("memory: VmHWM from /proc/self/status at the end of " + n + " invocations in one JVM with "
                    + String.join(" ", flags.allOptions()) + "; MB here are MiB (1,024 kB)");
        }
    }

    private static double peakMb(JavaChild.Timed done) {
        Matcher matcher = HWM.matcher(done.line());
        if (!matcher.find() || Long.parseLong(matcher.group(1)) < 0) {
            throw new IllegalStateException("no VmHWM reported (is this Linux?): " + done.line());
        }
        return Long.parseLong(matcher.group(1)) / 1024.0;
    }
}
