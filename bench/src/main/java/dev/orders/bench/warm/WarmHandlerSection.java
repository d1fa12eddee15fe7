package dev.orders.bench.warm;

import dev.orders.bench.Bench;
import dev.orders.bench.Layout;
import dev.orders.bench.Settings;
import dev.orders.bench.Table;
import dev.orders.bench.cold.LambdaFlags;
import dev.orders.local.template.SamTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Rows: JMH sample-time p50 and p99 of a warm OrderApi invocation beside hello-world, in one forked JVM with
 * the function's flags (C1 only, serial GC, its memory). Handler logs go to a file with the deployed JSON layout.
 */
public final class WarmHandlerSection implements Bench.Section {

    private final Layout layout;
    private final Settings settings;

    public WarmHandlerSection(Layout layout, Settings settings) {
        this.layout = layout;
        this.settings = settings;
    }

    @Override
    public void run(Table table, List<String> notes) throws Exception {
        LambdaFlags flags =
                LambdaFlags.of(SamTemplate.read(layout.root().resolve("infra/template.yaml")), "OrderApiFunction");
        List<String> jvm = new ArrayList<>(flags.allOptions());
        jvm.add("-Dlog4j2.configurationFile=" + logConfig());
        jvm.add("-Dorders.bench.log=" + layout.work("warm-handler.log"));
        jvm.add("-Dorders.bench.stdout=" + layout.work("warm-handler.stdout"));
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(WarmHandlerBenchmark.class.getName())
                .mode(Mode.SampleTime)
                .timeUnit(TimeUnit.MICROSECONDS)
                .forks(1)
                .threads(1)
                .warmupIterations(settings.jmhWarmups())
                .warmupTime(TimeValue.milliseconds(settings.jmhIteration().toMillis()))
                .measurementIterations(settings.jmhIterations())
                .measurementTime(TimeValue.milliseconds(settings.jmhIteration().toMillis()))
                .jvmArgs(jvm.toArray(String[]::new))
                .output(layout.work("jmh.log").toString());
        Collection<RunResult> results = new Runner(options.build()).run();
        var api = percentiles(results, "placeOrder");
        var hello = percentiles(results, "helloWorld");
        table.add(new Table.Row(
                "warm OrderApi invocation p50 (JMH, in-memory ports)",
                us(api[0]),
                us(hello[0]),
                Table.ratio(api[0] / hello[0]),
                "",
                Table.Verdict.NONE));
        table.add(new Table.Row(
                "warm OrderApi invocation p99 (JMH, in-memory ports)",
                us(api[1]),
                us(hello[1]),
                Table.ratio(api[1] / hello[1]),
                "",
                Table.Verdict.NONE));
        notes.add("warm handler: JMH " + settings.jmhWarmups() + "×"
                + settings.jmhIteration().toMillis() + " ms warm-up, "
                + settings.jmhIterations() + "×" + settings.jmhIteration().toMillis() + " ms measured, 1 fork with "
                + String.join(" ", flags.allOptions())
                + "; " + (long) api[2] + " OrderApi samples; JMH output in " + layout.work("jmh.log"));
    }

    /** p50, p99 and the sample count of one benchmark method. */
    private static double[] percentiles(Collection<RunResult> results, String method) {
        RunResult result = results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("JMH produced no result for " + method));
        var statistics = result.getPrimaryResult().getStatistics();
        return new double[] {statistics.getPercentile(50), statistics.getPercentile(99), statistics.getN()};
    }

    private Path logConfig() throws IOException {
        Path config = layout.work("bench-log4j2.xml");
        try (InputStream in = WarmHandlerSection.class.getResourceAsStream("/bench/bench-log4j2.xml")) {
            Files.write(config, in.readAllBytes());
        }
        return config;
    }

    static String us(double micros) {
        return Table.number(micros, 1) + " µs";
    }
}
