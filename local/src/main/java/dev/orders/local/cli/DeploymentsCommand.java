package dev.orders.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./orders deployments}: the running platform's deployments, newest first, with their outcome and timings. */
@Command(
        name = "deployments",
        description = "list the deployments of the running platform, newest first, with outcome and timings")
final class DeploymentsCommand implements Callable<Integer> {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "20",
            description = "how many (default: ${DEFAULT-VALUE})")
    int limit;

    @Mixin
    DataOption data;

    @Mixin
    UrlOption url;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (limit < 1 || limit > 1000) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--limit takes 1 to 1000, not " + limit);
        }
        PlatformCalls.Answer answer =
                new PlatformCalls(url.resolve(data.dir)).get("/_local/deployments?limit=" + limit);
        if (answer.status() != 200) {
            throw new Main.CommandFailure("the platform did not list its deployments: " + answer.message());
        }
        PrintWriter out = spec.commandLine().getOut();
        JsonNode deployments = answer.body().path("deployments");
        if (deployments.isEmpty()) {
            out.println("no deployments yet (./orders deploy)");
            out.flush();
            return 0;
        }
        out.printf(
                "%-12s %-28s %-9s %-26s %-10s %-20s %8s  %s%n",
                "DEPLOYMENT",
                "FUNCTION",
                "VERSIONS",
                "TYPE",
                "OUTCOME",
                "STARTED (UTC)",
                "TOOK",
                "NEW VERSION / DETAIL");
        for (JsonNode d : deployments) {
            Instant started = Instant.parse(d.path("started").asText());
            String ended = d.path("ended").asText(null);
            Duration took = Duration.between(started, ended == null ? Instant.now() : Instant.parse(ended));
            String outcome = d.path("status").asText() + (d.path("rolledBack").asBoolean() ? "*" : "");
            out.printf(
                    "%-12s %-28s %-9s %-26s %-10s %-20s %7.1fs  %d invocations, %d errors%s%s%n",
                    d.path("id").asText(),
                    d.path("function").asText(),
                    d.path("fromVersion").asText() + "→" + d.path("toVersion").asText(),
                    d.path("type").asText() + " ×" + trim(d.path("timeScale").asDouble()),
                    outcome,
                    WHEN.format(started),
                    took.toMillis() / 1000.0,
                    d.path("newInvocations").asLong(),
                    d.path("newErrors").asLong(),
                    d.path("faults").asText().isEmpty()
                            ? ""
                            : "; faults " + d.path("faults").asText(),
                    d.path("reason").asText().isEmpty()
                            ? ""
                            : "; " + d.path("reason").asText());
        }
        out.println("(* rolled back: live went back to the old version)");
        out.flush();
        return 0;
    }

    private static String trim(double factor) {
        return factor == Math.rint(factor) ? String.valueOf((long) factor) : String.valueOf(factor);
    }
}
