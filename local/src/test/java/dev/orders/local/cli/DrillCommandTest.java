package dev.orders.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

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
    void the_short_drill_passes_duplicates_slow_dependency_and_bad_canary_and_writes_its_report() throws Exception {
        int status = run("drill", "--short", "--copies", "2", "--report", report.toString());
        try {
            assertThat(status).isZero();
            assertShortReport();
        } catch (AssertionError | Exception failed) {
            // Whatever failed, the drill's own lines (each failed check, a scenario's stack trace) say why.
            throw new AssertionError(
                    failed.getMessage() + "\n---- the drill's output (exit " + status + ") ----\n" + out
                            + "\n---- its errors ----\n" + err,
                    failed);
        }
    }

    private void assertShortReport() throws Exception {
        String markdown = Files.readString(report.resolve("report.md"));
        assertThat(markdown)
                .contains("## duplicates: PASS")
                .contains("API replay: OrderAccepted events")
                .contains("webhook resend")
                .contains("Kinesis record put again")
                .contains("bus redelivery: OrderPaid mails")
                .contains("![Invocations per minute")
                .contains("SQS redelivery after the visibility timeout was skipped")
                .contains("## slow-dependency: PASS")
                .contains("## bad-canary: PASS")
                .contains("a version failing every call")
                .contains("after the rollback");
        String svg = Files.readString(report.resolve("duplicates-invocations.svg"));
        assertThat(svg)
                .startsWith("<svg")
                .contains("<polyline")
                .contains("OrderApiFunction")
                .contains("class=\"fault\"");
        assertThat(Files.readString(report.resolve("slow-dependency-concurrency.svg")))
                .contains("ConcurrentExecutions (Maximum)")
                .contains("planner: 5.0 while slowed");
        JsonNode json = Json.internal().readTree(report.resolve("report.json").toFile());
        assertThat(json.path("verdict").asText()).isEqualTo("PASS");
        for (JsonNode scenario : json.path("scenarios")) {
            for (JsonNode check : scenario.path("checks")) {
                assertThat(check.path("pass").asBoolean()).as(check.toString()).isTrue();
                assertThat(markdown)
                        .as("the JSON holds every figure the Markdown shows")
                        .contains(check.path("measured").asText());
            }
        }
        JsonNode duplicates = json.path("scenarios").get(0);
        assertThat(duplicates.path("figures").path("faults")).hasSize(2);
        assertThat(duplicates
                        .path("charts")
                        .get(0)
                        .path("series")
                        .path("OrderApiFunction")
                        .size())
                .isPositive();
        JsonNode slow = json.path("scenarios").get(1).path("figures");
        assertThat(slow.at("/plan/slow/expectedConcurrency").asDouble())
                .as("OrderApi's reservation of 100, scaled to an account of 50")
                .isEqualTo(5.0);
        assertThat(slow.at("/plan/slow/answered500PerSecond").asDouble()).isPositive();
        assertThat(slow.at("/phases/slow/statuses/500").asInt()).isPositive();
        assertThat(slow.at("/phases/baseline/p95Millis").isNumber()).isTrue();
        assertThat(slow.at("/effects/lostOrders").asInt()).isZero();
        assertThat(slow.at("/throttling/slow/OrderApiFunction/predicted").asBoolean())
                .as("the plan puts the throttles at OrderApi's reservation")
                .isTrue();
        assertThat(slow.at("/throttling/slow/OrderApiFunction/observedThrottles")
                        .asDouble())
                .isPositive();
        assertThat(slow.at("/throttling/slow/PaymentWebhookFunction/predicted").asBoolean())
                .isFalse();
        assertThat(markdown)
                .contains("| slowed: where Lambda throttles (by function) | OrderApiFunction | OrderApiFunction (");
        JsonNode canary = json.path("scenarios").get(2).path("figures");
        assertThat(canary.path("canaryFailedWrites").asLong())
                .as("the canary's writes met the bug")
                .isPositive();
        assertThat(canary.path("newVersionErrors").asLong())
                .isEqualTo(canary.path("newVersionInvocations").asLong());
        assertThat(canary.path("errorsAfterRollback").asLong()).isZero();
        assertThat(canary.path("watchedAlarms").toString())
                .isEqualTo("[\"OrderApiErrorsAlarm\",\"OrderApiP95DurationAlarm\",\"Api5xxAlarm\"]");
        assertThat(canary.path("rollbackReason").asText()).contains("ALARM");
        assertThat(canary.path("liveAfter").asText())
                .as("live back at the version it left")
                .isEqualTo(canary.path("liveBefore").asText());
    }

    @Test
    void a_wrong_option_is_a_usage_error() {
        assertThat(run("drill", "--scenario", "fast", "--report", report.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--scenario must be duplicates, slow-dependency, bad-canary or all");
        assertThat(run("drill", "--account-concurrency", "5", "--report", report.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--account-concurrency must be from 10 to 1000");
        assertThat(run("drill", "--template", report.resolve("none.yaml").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--template: no file at");
        assertThat(run("drill", "--template", "../infra/template.yaml", "--url", "http://localhost:1"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--template is the drill's own platform's");
    }

    @Test
    void a_template_that_is_not_yaml_is_a_usage_error() throws Exception {
        Path broken = report.resolve("broken.yaml");
        Files.writeString(broken, "Resources: [unclosed");
        assertThat(run("drill", "--template", broken.toString(), "--report", report.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--template: cannot read " + broken);
    }
}
