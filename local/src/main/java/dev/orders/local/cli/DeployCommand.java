package dev.orders.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.local.faults.FunctionFault;
import dev.orders.local.time.TimeScale;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./orders deploy}: what {@code sam deploy} and CodeDeploy do with the newest build, on the running platform —
 * a new version of each function whose code or configuration changed, then each function's DeploymentPreference
 * (PreTraffic hook, traffic shifted while its alarms are watched, PostTraffic hook, rollback). The platform runs it;
 * this follows it, printing its progress, and exits 0 only when every deployment completed (1 on a rollback or a stop,
 * 2 on a usage error). The launcher has rebuilt changed sources before.
 */
@Command(
        name = "deploy",
        description = {
            "deploy the newest build to the running platform as CodeDeploy would: new versions, hooks, canary/linear traffic shifting",
            "watched by the template's alarms, rollback; exit 0 only if every deployment completed"
        })
final class DeployCommand implements Callable<Integer> {

    @Option(
            names = "--time-scale",
            paramLabel = "N",
            description = "how much faster than CodeDeploy's clock (default: 60, a 10-minute canary in 10 s)")
    String timeScale;

    @Option(
            names = "--inject",
            paramLabel = "SPEC",
            description =
                    "publish FUNCTION's new version with a fault: FUNCTION:errors=N%[:route=METHOD /path] or FUNCTION:delay=Nms (repeatable)")
    List<String> inject;

    @Mixin
    DataOption data;

    @Mixin
    UrlOption url;

    @Spec
    CommandSpec spec;

    /** How often the progress is read. */
    static final long FOLLOW_MILLIS = 200;

    @Override
    public Integer call() throws Exception {
        StringBuilder query = new StringBuilder("/_local/deployments?");
        if (timeScale != null) {
            try {
                query.append("timeScale=").append(TimeScale.parseFactor(timeScale));
            } catch (IllegalArgumentException bad) {
                throw new ParameterException(spec.commandLine(), bad.getMessage());
            }
        }
        if (inject != null && !inject.isEmpty()) {
            for (String fault : inject) {
                try {
                    FunctionFault.parse(fault);
                } catch (IllegalArgumentException bad) {
                    throw new ParameterException(spec.commandLine(), bad.getMessage());
                }
            }
            query.append(query.charAt(query.length() - 1) == '?' ? "" : "&")
                    .append("inject=")
                    .append(URLEncoder.encode(String.join("\n", inject), StandardCharsets.UTF_8));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String base = url.resolve(data.dir);
        PlatformCalls platform = new PlatformCalls(base);
        PlatformCalls.Answer started = platform.post(query.toString());
        if (started.status() == 400) {
            err.println("orders: deploy: " + started.message());
            err.flush();
            return 2;
        }
        if (started.status() != 202) {
            throw new Main.CommandFailure("the platform at " + base + " refused the deployment: " + started.message());
        }
        String run = started.body().path("run").asText();
        out.println("deployment run " + run + " on " + base);
        out.flush();
        long after = 0;
        while (true) {
            PlatformCalls.Answer status = platform.get("/_local/deployments?run=" + run + "&after=" + after);
            if (status.status() != 200) {
                throw new Main.CommandFailure("lost the deployment run " + run + ": " + status.message());
            }
            for (JsonNode event : status.body().path("events")) {
                after = Math.max(after, event.path("seq").asLong());
                out.println(event.path("line").asText());
            }
            out.flush();
            if (status.body().path("done").asBoolean()) {
                return status.body().path("succeeded").asBoolean() ? 0 : 1;
            }
            Thread.sleep(FOLLOW_MILLIS);
        }
    }
}
