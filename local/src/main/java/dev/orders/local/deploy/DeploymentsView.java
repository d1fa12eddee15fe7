package dev.orders.local.deploy;

import dev.orders.local.faults.FunctionFault;
import dev.orders.local.time.TimeScale;
import dev.orders.local.views.CommandView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /_local/deployments}: {@code POST ?timeScale=N&inject=SPEC(\nSPEC…)} starts a deployment run ({@code ./orders
 * deploy}), answered 202 with its id; {@code GET ?run=ID&after=SEQ} follows it (its new progress lines, its
 * deployments, whether it is done and how it ended); {@code GET} alone lists past deployments, newest first. It lives
 * beside the engine rather than in {@code views/}: the views package is below metrics, which the engine reads.
 */
public record DeploymentsView(Deployments deployments) implements CommandView {

    record Started(String run) {}

    record Listing(String inProgress, List<Deployment> deployments) {}

    /** A run being followed: its new progress lines, its deployments, whether it is done and how it ended. */
    record Status(
            String run,
            boolean done,
            String outcome,
            boolean succeeded,
            List<Event> events,
            List<Deployment> deployments) {}

    record Event(long seq, String at, String line) {}

    /** A deployment as JSON has it (instants as ISO-8601 text, {@code ended} null while it goes on). */
    record Deployment(
            String id,
            String run,
            String function,
            String fromVersion,
            String toVersion,
            String type,
            String status,
            String phase,
            double weight,
            boolean rolledBack,
            String reason,
            String started,
            String ended,
            double timeScale,
            String faults,
            long newInvocations,
            long newErrors,
            long oldInvocations,
            long oldErrors) {
        static Deployment of(DeploymentRecord d) {
            return new Deployment(
                    d.id(),
                    d.run(),
                    d.function(),
                    d.fromVersion(),
                    d.toVersion(),
                    d.type(),
                    d.status(),
                    d.phase(),
                    d.weight(),
                    d.rolledBack(),
                    d.reason(),
                    d.started().toString(),
                    d.ended().map(Object::toString).orElse(null),
                    d.timeScale(),
                    d.faults(),
                    d.newInvocations(),
                    d.newErrors(),
                    d.oldInvocations(),
                    d.oldErrors());
        }
    }

    @Override
    public Answer handle(String method, String subpath, Map<String, String> query, byte[] body) {
        if (!subpath.isEmpty()) {
            return Answer.error(404, "Not Found");
        }
        return switch (method) {
            case "POST" -> post(query);
            case "GET", "HEAD" -> get(query);
            default -> Answer.error(405, "Method Not Allowed");
        };
    }

    private Answer get(Map<String, String> query) {
        String run = query.get("run");
        if (run == null) {
            return Answer.ok(new Listing(
                    deployments.inProgress().orElse(null),
                    deployments.list(limit(query.get("limit"))).stream()
                            .map(Deployment::of)
                            .toList()));
        }
        long after;
        try {
            after = Long.parseLong(query.getOrDefault("after", "0"));
        } catch (NumberFormatException notANumber) {
            return Answer.error(400, "after must be a whole number, not '" + query.get("after") + "'");
        }
        return deployments
                .status(run, after)
                .<Answer>map(status -> Answer.ok(new Status(
                        status.run(),
                        status.done(),
                        status.outcome(),
                        status.succeeded(),
                        status.events().stream()
                                .map(e -> new Event(e.seq(), e.at().toString(), e.line()))
                                .toList(),
                        status.deployments().stream().map(Deployment::of).toList())))
                .orElseGet(() -> Answer.error(404, "no deployment run " + run));
    }

    private static int limit(String text) {
        try {
            return text == null ? 50 : Math.max(1, Math.min(1000, Integer.parseInt(text)));
        } catch (NumberFormatException notANumber) {
            return 50;
        }
    }

    private Answer post(Map<String, String> query) {
        double scale;
        List<FunctionFault> faults = new ArrayList<>();
        try {
            scale = query.containsKey("timeScale")
                    ? TimeScale.parseFactor(query.get("timeScale"))
                    : Deployments.DEFAULT_TIME_SCALE;
            for (String spec : query.getOrDefault("inject", "").split("\n")) {
                if (!spec.isBlank()) {
                    faults.add(FunctionFault.parse(spec));
                }
            }
            return new Answer(202, new Started(deployments.start(new Deployments.Request(scale, faults))));
        } catch (Deployments.Busy busy) {
            return Answer.error(409, busy.getMessage());
        } catch (IllegalArgumentException refused) {
            return Answer.error(400, refused.getMessage());
        }
    }
}
