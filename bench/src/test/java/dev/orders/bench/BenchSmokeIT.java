package dev.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * CI's run of the harness: {@code ./orders bench --quick} against the packaged jars and dynalite. It proves every
 * scenario still runs and reports a figure beside its baseline; it asserts no figure's value (no timing).
 */
@Tag("emulator")
class BenchSmokeIT {

    @Test
    void the_quick_harness_measures_every_scenario_and_prints_one_table() throws Exception {
        Path work = Path.of("target/bench-smoke").toAbsolutePath();
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Bench.run(new String[] {"--quick", "--work", work.toString()});
        } finally {
            System.setOut(original);
        }
        String report = out.toString(StandardCharsets.UTF_8);
        System.out.println(report);

        assertThat(exit).as(report).isZero();
        assertThat(report)
                .doesNotContain("NOT MEASURED")
                .contains(
                        "| cold start p50, as deployed",
                        "| cold start p50, as deployed + JDK 25 AOT cache",
                        "| loaded classes",
                        "| warm OrderApi invocation p50",
                        "| end-to-end POST /orders throughput",
                        "| stream records/s",
                        "| peak RSS after 1,000 OrderApi invocations",
                        "| store orders/s, read connections beside the writer",
                        "| store orders/s, read connections + group commit",
                        "| ./orders token alice, whole process (JVM cache)",
                        "| ./orders up to 'ready' (JVM cache)")
                .contains("reproduce: ./orders bench --quick");
        assertThat(Files.readString(work.resolve("report.md"))).isEqualTo(report);
    }
}
