package dev.orders.local.drill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drill's report: every check in the Markdown and the JSON, charts as self-contained SVG, the verdicts. */
class DrillReportTest {

    @TempDir
    Path folder;

    static Outcome passing() {
        Outcome o = new Outcome("slow-dependency", "the store slowed <for a while> & restored");
        o.check("peak concurrency", "5.0 ± 2.0", "5", true).check("500s | throttles", "some", "30 × 500", true);
        o.figure("phases", Map.of("slow", Map.of("p95Millis", 2040)));
        Map<String, Map<Long, Double>> series = new LinkedHashMap<>();
        series.put("ConcurrentExecutions", new TreeMap<>(Map.of(0L, 1.0, 60L, 5.0, 120L, 2.0)));
        o.charts.add(new Outcome.Chart(
                "OrderApi <concurrency>", "slow-dependency-concurrency.svg", "executions", series, List.of(new long[] {
                    60, 120
                })));
        return o;
    }

    @Test
    void the_markdown_and_the_json_say_the_same_and_the_charts_are_files_beside_them() throws Exception {
        Outcome unavailable = new Outcome("bad-canary", "rolled back").notAvailable("Not available in this build.");
        DrillReport.write(
                folder,
                "http://127.0.0.1:1",
                Instant.parse("2026-11-30T12:00:00Z"),
                Duration.ofSeconds(42),
                List.of(passing(), unavailable));
        String md = Files.readString(folder.resolve("report.md"));
        assertThat(md)
                .contains("- verdict: **FAIL**")
                .contains("| slow-dependency | PASS |")
                .contains("| bad-canary | NOT_AVAILABLE |")
                .contains("| 500s \\| throttles | some | 30 × 500 | pass |")
                .contains("![OrderApi <concurrency>](slow-dependency-concurrency.svg)")
                .contains("Not available in this build.");
        JsonNode json = Json.internal().readTree(folder.resolve("report.json").toFile());
        assertThat(json.path("verdict").asText()).isEqualTo("FAIL");
        assertThat(json.at("/scenarios/0/checks/1/measured").asText()).isEqualTo("30 × 500");
        assertThat(json.at("/scenarios/0/figures/phases/slow/p95Millis").asInt())
                .isEqualTo(2040);
        assertThat(json.at("/scenarios/0/charts/0/series/ConcurrentExecutions/60")
                        .asDouble())
                .isEqualTo(5.0);
        assertThat(json.at("/scenarios/1/reason").asText()).isEqualTo("Not available in this build.");
        String svg = Files.readString(folder.resolve("slow-dependency-concurrency.svg"));
        assertThat(svg)
                .startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
                .contains("<title>OrderApi &lt;concurrency&gt;</title>")
                .contains("class=\"fault\"")
                .contains("<polyline class=\"series\"")
                .doesNotContain("<script");
    }

    @Test
    void a_drill_passes_only_when_every_scenario_passes() {
        Outcome failing = passing().check("recovery", "within 10 s", "not recovered", false);
        assertThat(DrillReport.passed(List.of(passing()))).isTrue();
        assertThat(DrillReport.passed(List.of(passing(), failing))).isFalse();
        assertThat(DrillReport.passed(List.of(new Outcome("x", "y"))))
                .as("a scenario without checks did not pass")
                .isFalse();
        assertThat(DrillReport.passed(List.of())).isFalse();
    }

    @Test
    void a_chart_without_data_says_so() {
        String svg = SvgChart.render(new Outcome.Chart("empty", "e.svg", "count", Map.of("none", Map.of()), List.of()));
        assertThat(svg).contains("no data recorded");
    }
}
