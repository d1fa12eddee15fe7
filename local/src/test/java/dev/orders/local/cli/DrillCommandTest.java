package dev.orders.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./orders drill} in its short configuration: its own platform, the duplicates scenario, a report, an exit status. */
class DrillCommandTest {

    @TempDir
    Path report;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void the_duplicates_scenario_passes_on_every_path_and_writes_markdown_svg_and_json() throws Exception {
        assertThat(run("drill", "--scenario", "duplicates", "--short", "--copies", "2", "--report", report.toString()))
                .as(out.toString()).isZero();
        String markdown = Files.readString(report.resolve("report.md"));
        assertThat(markdown).contains("## duplicates: PASS").contains("API replay: OrderAccepted events")
                .contains("webhook resend").contains("Kinesis record put again").contains("bus redelivery: OrderPaid mails")
                .contains("![Invocations per minute").contains("SQS redelivery after the visibility timeout was skipped");
        String svg = Files.readString(report.resolve("duplicates-invocations.svg"));
        assertThat(svg).startsWith("<svg").contains("<polyline").contains("OrderApiFunction").contains("class=\"fault\"");
        JsonNode json = Json.internal().readTree(report.resolve("report.json").toFile());
        JsonNode duplicates = json.path("scenarios").get(0);
        assertThat(json.path("verdict").asText()).isEqualTo("PASS");
        assertThat(duplicates.path("checks")).allSatisfy(c -> assertThat(c.path("pass").asBoolean()).as(c.toString()).isTrue());
        for (JsonNode check : duplicates.path("checks")) {
            assertThat(markdown).as("the JSON holds every figure the Markdown shows").contains(check.path("measured").asText());
        }
        assertThat(duplicates.path("figures").path("faults")).hasSize(2);
        assertThat(duplicates.path("charts").get(0).path("series").path("OrderApiFunction").size()).isPositive();
    }

    @Test
    void a_scenario_this_build_does_not_have_says_so_and_fails_and_a_wrong_option_is_a_usage_error() throws Exception {
        assertThat(run("drill", "--scenario", "fast", "--report", report.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--scenario must be duplicates, slow-dependency, bad-canary or all");
        assertThat(run("drill", "--scenario", "bad-canary", "--report", report.toString())).isEqualTo(1);
        assertThat(Files.readString(report.resolve("report.md"))).contains("## bad-canary: NOT_AVAILABLE")
                .contains("Not available in this build");
    }
}
