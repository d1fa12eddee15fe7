package dev.orders.local.drill;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.shared.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The drill's report, a folder a team can paste into a design review: {@code report.md} (each scenario's
 * expectation, checks with measurement and verdict, charts), the charts as SVG files, and {@code report.json} with
 * every figure the Markdown shows.
 */
final class DrillReport {

    private DrillReport() {}

    static void write(Path folder, String target, Instant started, Duration took, List<Outcome> outcomes) {
        try {
            Files.createDirectories(folder);
            for (Outcome o : outcomes) {
                for (Outcome.Chart chart : o.charts) {
                    Files.writeString(folder.resolve(chart.file()), SvgChart.render(chart), StandardCharsets.UTF_8);
                }
            }
            Files.writeString(
                    folder.resolve("report.md"), markdown(target, started, took, outcomes), StandardCharsets.UTF_8);
            Files.writeString(
                    folder.resolve("report.json"),
                    Json.internal()
                            .writer(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(json(target, started, took, outcomes)),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the drill's report to " + folder, e);
        }
    }

    static boolean passed(List<Outcome> outcomes) {
        return !outcomes.isEmpty() && outcomes.stream().allMatch(o -> o.verdict() == Outcome.Verdict.PASS);
    }

    static String markdown(String target, Instant started, Duration took, List<Outcome> outcomes) {
        StringBuilder md = new StringBuilder("# Production drill\n\n");
        md.append("- platform: ").append(target).append('\n');
        md.append("- started: ")
                .append(started)
                .append(", took ")
                .append(took.toSeconds())
                .append(" s\n");
        md.append("- verdict: **").append(passed(outcomes) ? "PASS" : "FAIL").append("**\n\n");
        md.append("| scenario | verdict |\n|---|---|\n");
        outcomes.forEach(o -> md.append("| ")
                .append(o.scenario)
                .append(" | ")
                .append(o.verdict())
                .append(" |\n"));
        for (Outcome o : outcomes) {
            md.append("\n## ")
                    .append(o.scenario)
                    .append(": ")
                    .append(o.verdict())
                    .append("\n\n");
            md.append("Expected: ").append(o.expectation).append("\n\n");
            if (o.unavailableReason() != null) {
                md.append(o.unavailableReason()).append("\n");
                continue;
            }
            md.append("| check | expected | measured | verdict |\n|---|---|---|---|\n");
            for (Outcome.Check c : o.checks) {
                md.append("| ")
                        .append(cell(c.name()))
                        .append(" | ")
                        .append(cell(c.expected()))
                        .append(" | ")
                        .append(cell(c.measured()))
                        .append(" | ")
                        .append(c.pass() ? "pass" : "**FAIL**")
                        .append(" |\n");
            }
            for (String note : o.notes) {
                md.append("\n").append(note).append("\n");
            }
            for (Outcome.Chart chart : o.charts) {
                md.append("\n![")
                        .append(chart.title())
                        .append("](")
                        .append(chart.file())
                        .append(")\n");
            }
        }
        return md.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    static ObjectNode json(String target, Instant started, Duration took, List<Outcome> outcomes) {
        ObjectNode root = Json.internal()
                .createObjectNode()
                .put("platform", target)
                .put("started", started.toString())
                .put("seconds", took.toMillis() / 1000.0)
                .put("verdict", passed(outcomes) ? "PASS" : "FAIL");
        ArrayNode scenarios = root.putArray("scenarios");
        for (Outcome o : outcomes) {
            ObjectNode s = scenarios
                    .addObject()
                    .put("scenario", o.scenario)
                    .put("verdict", o.verdict().name())
                    .put("expected", o.expectation);
            if (o.unavailableReason() != null) {
                s.put("reason", o.unavailableReason());
            }
            ArrayNode checks = s.putArray("checks");
            o.checks.forEach(c -> checks.addObject()
                    .put("check", c.name())
                    .put("expected", c.expected())
                    .put("measured", c.measured())
                    .put("pass", c.pass()));
            s.set("figures", Json.internal().valueToTree(o.figures));
            ArrayNode notes = s.putArray("notes");
            o.notes.forEach(notes::add);
            ArrayNode charts = s.putArray("charts");
            for (Outcome.Chart chart : o.charts) {
                ObjectNode c = charts.addObject()
                        .put("title", chart.title())
                        .put("file", chart.file())
                        .put("unit", chart.unit());
                ObjectNode series = c.putObject("series");
                chart.series().forEach((name, points) -> {
                    ObjectNode p = series.putObject(name);
                    points.forEach((t, v) -> p.put(String.valueOf(t), v));
                });
            }
        }
        return root;
    }
}
