package dev.orders.local.drill;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.local.paths.OrderApiPath;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The production test's third question: a new version fails after part of the traffic sees it. Three deployments of
 * OrderApi through the platform's CodeDeploy ({@code /_local/deployments}, what {@code ./orders deploy} calls), each
 * of the same build with a fault attached to the new version alone, under a steady load of {@code POST /orders}:
 * <ol>
 *   <li>a version failing every call: the PreTraffic hook's read fails, so no traffic shifts and no client sees an error;
 *   <li>a version with a harmless fault (1 ms added): the deployment completes and {@code live} moves to it;
 *   <li>a version failing {@code POST /orders} only: the hook's read passes, the canary's share of the writes fails, an
 *       alarm goes to ALARM, {@code live} goes back to the old version, and the writes after it all succeed.
 * </ol>
 * The order matters: the last one leaves a watched alarm in ALARM for a scaled minute, and a deployment started then
 * would stop at once, as CodeDeploy's does; before each one the drill waits for the watched alarms to be OK.
 */
final class BadCanaryScenario {

    static final String NAME = "bad-canary";
    static final String FUNCTION = OrderApiPath.FUNCTION;
    /** {@code watched}: the alarms OrderApi's DeploymentPreference names in the drill's template (none: none). */
    record Settings(double rps, double timeScale, Duration bound, Duration tail, List<String> watched) {}

    /** One request of the load: when it was sent (real time) and its status. */
    record Sample(long sentMillis, int status) {}

    /** A deployment run as the platform reported it, with the real times it started and ended. */
    record Run(
            String fault,
            String outcome,
            boolean succeeded,
            JsonNode deployment,
            long startedMillis,
            long endedMillis,
            String liveAfter) {
        String status() {
            return deployment.path("status").asText();
        }

        String phase() {
            return deployment.path("phase").asText();
        }
    }

    private final DrillClient client;
    private final Settings settings;
    private final List<Sample> samples = new CopyOnWriteArrayList<>();

    BadCanaryScenario(DrillClient client, Settings settings) {
        this.client = client;
        this.settings = settings;
    }

    Outcome run() {
        Outcome outcome = new Outcome(
                NAME,
                "OrderApi deployed three times under load, the new version faulty in turn: failing every call (stopped by "
                        + "the PreTraffic hook, no client error), healthy (completed, live moves), failing POST /orders only "
                        + "(passes the hook, about 10 % of the writes fail during the canary, rolled back by an alarm, no "
                        + "error after the rollback)");
        outcome.figure("ratePerSecond", settings.rps())
                .figure("deploymentTimeScale", settings.timeScale())
                .figure("watchedAlarms", settings.watched());
        AtomicBoolean loading = new AtomicBoolean(true);
        Thread load = Thread.ofVirtual().name("drill-canary-load").start(() -> load(loading));
        List<Run> runs = new ArrayList<>();
        try {
            Waits.pause(2_000);
            for (String fault : List.of(
                    FUNCTION + ":errors=100%", FUNCTION + ":delay=1ms", FUNCTION + ":errors=100%:route=POST /orders")) {
                runs.add(deploy(fault));
            }
            Waits.pause(settings.tail().toMillis());
        } finally {
            loading.set(false);
            try {
                load.join(Duration.ofSeconds(30));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        Run everyCall = runs.get(0);
        Run healthy = runs.get(1);
        Run writes = runs.get(2);

        long errorsDuringFirst = errors(everyCall.startedMillis(), everyCall.endedMillis());
        outcome.check(
                "a version failing every call",
                "stopped in BeforeAllowTraffic, nothing rolled back, 0 client errors",
                everyCall.status() + " in " + everyCall.phase() + ", " + errorsDuringFirst + " client errors"
                        + (everyCall.phase().equals("BeforeAllowTraffic")
                                ? ""
                                : ": " + everyCall.deployment().path("reason").asText()),
                everyCall.status().equals("Failed")
                        && everyCall.phase().equals("BeforeAllowTraffic")
                        && errorsDuringFirst == 0);
        outcome.check(
                "the same deployment without a fault",
                "Succeeded, live on the new version",
                healthy.status() + ", live "
                        + healthy.deployment().path("fromVersion").asText() + " → "
                        + healthy.deployment().path("toVersion").asText() + ", live at version " + healthy.liveAfter()
                        + (healthy.deployment().path("reason").asText("").isEmpty()
                                ? ""
                                : ": " + healthy.deployment().path("reason").asText()),
                healthy.succeeded()
                        && healthy.status().equals("Succeeded")
                        && healthy.liveAfter()
                                .equals(healthy.deployment().path("toVersion").asText()));

        long writesDuring = requests(writes.startedMillis(), writes.endedMillis());
        long failedDuring = errors(writes.startedMillis(), writes.endedMillis());
        double share = writesDuring == 0 ? 0 : (double) failedDuring / writesDuring;
        long newCalls = writes.deployment().path("newInvocations").asLong();
        long newErrors = writes.deployment().path("newErrors").asLong();
        outcome.figure("canaryWrites", writesDuring)
                .figure("canaryFailedWrites", failedDuring)
                .figure("canaryFailedShare", share)
                .figure("newVersionInvocations", newCalls)
                .figure("newVersionErrors", newErrors)
                .figure("rollbackReason", writes.deployment().path("reason").asText());
        boolean rolledBack = writes.deployment().path("rolledBack").asBoolean();
        String from = writes.deployment().path("fromVersion").asText();
        String to = writes.deployment().path("toVersion").asText();
        outcome.figure("liveBefore", from)
                .figure("newVersion", to)
                .figure("liveAfter", writes.liveAfter())
                .figure("rolledBack", rolledBack);
        outcome.check(
                "a version failing POST /orders only",
                "passes the PreTraffic hook, then rolled back by a watched alarm (live back at version " + from + ")",
                rolledBack
                        ? writes.status() + " in " + writes.phase() + ", rolled back: "
                                + writes.deployment().path("reason").asText() + "; live at version "
                                + writes.liveAfter()
                        : "no rollback happened: " + writes.status() + " in " + writes.phase()
                                + ", live ended at version " + writes.liveAfter()
                                + (writes.liveAfter().equals(to) ? " (the new one)" : ""),
                !writes.succeeded()
                        && rolledBack
                        && !writes.phase().equals("BeforeAllowTraffic")
                        && writes.deployment().path("reason").asText().contains("ALARM")
                        && writes.liveAfter().equals(from));
        outcome.check(
                "the canary's share of failed writes",
                "some writes failed, at most 30 % (the canary is 10 %), every call of the new version failed",
                String.format(
                        "%d of %d writes (%.1f %%); new version %d of %d calls failed",
                        failedDuring, writesDuring, share * 100, newErrors, newCalls),
                failedDuring > 0 && share <= 0.30 && newCalls > 0 && newErrors == newCalls);
        long after = writes.endedMillis();
        long writesAfter = requests(after, Long.MAX_VALUE);
        long errorsAfter = errors(after, Long.MAX_VALUE);
        outcome.figure("writesAfterRollback", writesAfter).figure("errorsAfterRollback", errorsAfter);
        outcome.check(
                "after the rollback",
                "every write succeeds",
                errorsAfter + " of " + writesAfter + " failed",
                writesAfter > 0 && errorsAfter == 0);
        return outcome;
    }

    /** An open load: one {@code POST /orders} every 1/rps seconds, whatever the answers take. */
    private void load(AtomicBoolean loading) {
        long interval = Math.max(1, Math.round(1000 / settings.rps()));
        long next = System.currentTimeMillis();
        while (loading.get()) {
            long sent = next;
            Thread.ofVirtual().start(() -> {
                int status;
                try {
                    status = client.placeOrder(DrillClient.newId("canary")).status();
                } catch (RuntimeException unreachable) {
                    status = 0;
                }
                samples.add(new Sample(sent, status));
            });
            next += interval;
            Waits.pause(Math.max(0, next - System.currentTimeMillis()));
        }
    }

    private long requests(long fromMillis, long toMillis) {
        return samples.stream()
                .filter(s -> s.sentMillis() >= fromMillis && s.sentMillis() < toMillis)
                .count();
    }

    private long errors(long fromMillis, long toMillis) {
        return samples.stream()
                .filter(s -> s.sentMillis() >= fromMillis && s.sentMillis() < toMillis && s.status() != 202)
                .count();
    }

    private Run deploy(String fault) {
        Waits.until(settings.bound(), this::watchedAlarmsOk);
        String query = "deployments?timeScale=" + settings.timeScale() + "&inject="
                + URLEncoder.encode(fault, StandardCharsets.UTF_8);
        long started = System.currentTimeMillis();
        DrillClient.Reply reply = client.postLocal(query);
        if (reply.status() != 202) {
            throw new IllegalStateException(
                    "the platform refused a deployment (" + fault + "): " + reply.status() + " " + reply.body());
        }
        String run = reply.json().path("run").asText();
        JsonNode[] status = {null};
        boolean done = Waits.until(settings.bound(), () -> {
            status[0] = client.local("deployments?run=" + run);
            return status[0].path("done").asBoolean();
        });
        if (!done) {
            throw new IllegalStateException(
                    "deployment run " + run + " (" + fault + ") did not end within " + settings.bound());
        }
        long ended = System.currentTimeMillis();
        JsonNode deployment = null;
        for (JsonNode d : status[0].path("deployments")) {
            if (d.path("function").asText().equals(FUNCTION)) {
                deployment = d;
            }
        }
        if (deployment == null) {
            throw new IllegalStateException("deployment run " + run + " (" + fault + ") did not deploy " + FUNCTION);
        }
        return new Run(
                fault,
                status[0].path("outcome").asText(),
                status[0].path("succeeded").asBoolean(),
                deployment,
                started,
                ended,
                client.aliasVersion(FUNCTION, "live"));
    }

    private boolean watchedAlarmsOk() {
        for (JsonNode alarm : client.local("dashboard/data?minutes=5").path("alarms")) {
            if (settings.watched().contains(alarm.path("name").asText())
                    && alarm.path("state").asText().equals("ALARM")) {
                return false;
            }
        }
        return true;
    }
}
