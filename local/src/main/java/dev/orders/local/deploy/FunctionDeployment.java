package dev.orders.local.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.orders.functions.shared.Json;
import dev.orders.local.lambda.LambdaException;
import dev.orders.local.lambda.LambdaService;
import dev.orders.local.metrics.TimeSeries;
import dev.orders.local.metrics.alarms.AlarmState;
import dev.orders.local.metrics.alarms.AlarmStatus;
import dev.orders.local.template.LocalNames;
import dev.orders.local.template.SamTemplate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One CodeDeploy deployment of a Lambda function, as CodeDeploy carries it out for an alias:
 * <ol>
 *   <li>BeforeAllowTraffic: the PreTraffic hook function is invoked asynchronously with {@code DeploymentId} and
 *       {@code LifecycleEventHookExecutionId}; the deployment waits for its PutLifecycleEventHookExecutionStatus.
 *       {@code Failed}, or no answer within an hour, fails the deployment before any traffic moves;</li>
 *   <li>AllowTraffic: {@code live}'s {@code AdditionalVersionWeights} give the new version each step's weight for the
 *       step's interval, then the alias points at the new version;</li>
 *   <li>AfterAllowTraffic: the PostTraffic hook, the same way; {@code Failed} rolls back.</li>
 * </ol>
 * Throughout, the alarms of the DeploymentPreference are watched (evaluated by the platform's evaluator at each
 * minute, read between): any in ALARM stops the deployment and {@code live} goes back to the old version at once.
 */
final class FunctionDeployment {

    /** A reason to end the deployment early: CodeDeploy's status for it, and why. */
    private static final class Stop extends Exception {
        final String status;

        Stop(String status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }
    }

    private static final Duration POLL = Duration.ofMillis(25);
    static final Duration HOOK_TIMEOUT = Duration.ofHours(1);

    final String id;
    final String function;
    private final Deployments owner;
    private final Deployments.Run run;
    private final DeploymentPreference preference;
    private final String from;
    private final String to;
    private final VersionCounts.Count oldBefore;
    private final VersionCounts.Count newBefore;
    private final Map<String, AlarmState> lastStates = new LinkedHashMap<>();
    private volatile String stopRequested;
    private DeploymentRecord record;

    FunctionDeployment(
            Deployments owner,
            Deployments.Run run,
            DeploymentPreference preference,
            String from,
            String to,
            List<String> faults) {
        this.owner = owner;
        this.run = run;
        this.preference = preference;
        this.function = preference.function();
        this.from = from;
        this.to = to;
        this.id = "d-" + Deployments.id(9);
        this.oldBefore = owner.counts.of(function, from);
        this.newBefore = owner.counts.of(function, to);
        this.record = new DeploymentRecord(
                id,
                run.id,
                function,
                from,
                to,
                preference.type().name(),
                "InProgress",
                "Created",
                0,
                false,
                "",
                owner.real.instant(),
                Optional.empty(),
                run.request.timeScale(),
                String.join(" ", faults),
                0,
                0,
                0,
                0);
        owner.store.put(record);
    }

    synchronized DeploymentRecord record() {
        return record;
    }

    boolean succeeded() {
        return record().status().equals("Succeeded");
    }

    /** Asks a deployment in progress to stop (the stack rolls back); it does at its next check. */
    void stop(String reason) {
        if (record().inProgress() && stopRequested == null) {
            stopRequested = reason;
        }
    }

    void run() {
        owner.use(function, to, "deployment " + id + " of " + function + " (" + from + " → " + to + ") in progress");
        owner.use(function, from, "deployment " + id + " rolls back to it if it fails");
        run.line(function + " " + id + ": " + from + " → " + to + ", "
                + preference.type().name() + " (traffic shift "
                + Deployments.Display.duration(preference.type().shiftDuration()) + ", here "
                + Deployments.Display.duration(
                        owner.time.realDelay(preference.type().shiftDuration())) + "), alarms "
                + preference.alarms()
                + preference.preTraffic().map(h -> ", PreTraffic " + h).orElse("")
                + preference.postTraffic().map(h -> ", PostTraffic " + h).orElse(""));
        try {
            for (String alarm : preference.alarms()) {
                if (owner.alarms.definition(alarm).isEmpty()) {
                    throw new Stop("Failed", "alarm " + alarm + " does not exist");
                }
            }
            checks();
            update("BeforeAllowTraffic", 0);
            if (preference.preTraffic().isPresent()) {
                hook("BeforeAllowTraffic", preference.preTraffic().get());
            }
            update("AllowTraffic", 0);
            for (var step : preference.type().steps()) {
                if (step.weight() >= 1.0) {
                    alias(to, Map.of());
                    update("AllowTraffic", 1.0);
                    run.line(function + " " + id + ": AllowTraffic 100% → " + LambdaService.LIVE + " = " + to);
                } else {
                    alias(from, Map.of(to, step.weight()));
                    update("AllowTraffic", step.weight());
                    run.line(function + " " + id + ": AllowTraffic " + Deployments.Display.percent(step.weight())
                            + " → " + to + " for "
                            + Deployments.Display.duration(step.hold()) + " ("
                            + Deployments.Display.duration(owner.time.realDelay(step.hold()))
                            + ")");
                    watch(step.hold());
                }
            }
            update("AfterAllowTraffic", 1.0);
            if (preference.postTraffic().isPresent()) {
                hook("AfterAllowTraffic", preference.postTraffic().get());
            }
            checks();
            end("Succeeded", false, "");
        } catch (Stop stop) {
            boolean shifted = record().weight() > 0;
            if (shifted) {
                try {
                    alias(from, Map.of());
                } catch (LambdaException failed) {
                    run.line(function + " " + id + ": rollback of " + LambdaService.LIVE + " failed: "
                            + failed.getMessage());
                }
            }
            end(
                    stop.status,
                    shifted,
                    stop.getMessage()
                            + (shifted
                                    ? "; " + LambdaService.LIVE + " back to " + from + " (100%)"
                                    : "; no traffic had moved: " + LambdaService.LIVE + " stays " + from));
        } catch (RuntimeException failure) {
            end("Failed", false, "the deployment failed: " + failure);
        } finally {
            owner.release(function);
        }
    }

    /** After the run's stack rollback: a completed deployment's alias goes back too. */
    void rollBackCompleted(String reason) {
        alias(from, Map.of());
        synchronized (this) {
            record = next(
                    "Stopped",
                    record.phase(),
                    0,
                    true,
                    reason + "; " + LambdaService.LIVE + " back to " + from,
                    record.ended(),
                    new VersionCounts.Count(record.newInvocations(), record.newErrors()),
                    new VersionCounts.Count(record.oldInvocations(), record.oldErrors()));
        }
        owner.store.put(record());
        run.line(function + " " + id + ": " + reason + ", " + LambdaService.LIVE + " back to " + from);
    }

    private void alias(String version, Map<String, Double> weights) {
        owner.lambda.updateAlias(function, LambdaService.LIVE, Optional.of(version), Optional.of(weights));
    }

    private void update(String phase, double weight) {
        VersionCounts.Count n = owner.counts.of(function, to).minus(newBefore);
        VersionCounts.Count o = owner.counts.of(function, from).minus(oldBefore);
        synchronized (this) {
            record = next(record.status(), phase, weight, false, "", Optional.empty(), n, o);
        }
        owner.store.put(record());
    }

    private void end(String status, boolean rolledBack, String reason) {
        VersionCounts.Count n = owner.counts.of(function, to).minus(newBefore);
        VersionCounts.Count o = owner.counts.of(function, from).minus(oldBefore);
        synchronized (this) {
            record = next(
                    status,
                    record.phase(),
                    rolledBack ? 0 : record.weight(),
                    rolledBack,
                    reason,
                    Optional.of(owner.real.instant()),
                    n,
                    o);
        }
        owner.store.put(record());
        run.line(function + " " + id + ": " + status + (reason.isEmpty() ? "" : ": " + reason));
    }

    /** The record with what changed; the rest as it was. Under the lock. */
    private DeploymentRecord next(
            String status,
            String phase,
            double weight,
            boolean rolledBack,
            String reason,
            Optional<java.time.Instant> ended,
            VersionCounts.Count newCounts,
            VersionCounts.Count oldCounts) {
        return record.progressed(
                status,
                phase,
                weight,
                rolledBack,
                reason,
                ended,
                newCounts.invocations(),
                newCounts.errors(),
                oldCounts.invocations(),
                oldCounts.errors());
    }

    /** Invokes the hook as CodeDeploy does (asynchronously) and waits for its status, watching the alarms meanwhile. */
    private void hook(String lifecycleEvent, String hook) throws Stop {
        HookExecutions.Execution execution = owner.executions.open(id, lifecycleEvent);
        if (lifecycleEvent.equals("BeforeAllowTraffic")) {
            // The stack update sets the hook's `!Ref Function.Version` variables to the version being deployed.
            owner.hooks.environment(hook).ifPresent(environment -> environment.putAll(versionVariables(hook)));
        }
        Map<String, String> event = new LinkedHashMap<>();
        event.put("DeploymentId", id);
        event.put("LifecycleEventHookExecutionId", execution.executionId());
        try {
            owner.async.enqueue(hook, Optional.empty(), Json.internal().writeValueAsBytes(event));
        } catch (LambdaException | JsonProcessingException refused) {
            owner.executions.close(execution);
            throw new Stop(
                    "Failed", lifecycleEvent + " hook " + hook + " could not be invoked: " + refused.getMessage());
        }
        owner.use(function, to, "deployment " + id + ": " + lifecycleEvent + " hook " + hook + " running");
        run.line(function + " " + id + ": " + lifecycleEvent + " hook " + hook
                + " invoked, waiting for its status (timeout 1 h, here "
                + Deployments.Display.duration(owner.time.realDelay(HOOK_TIMEOUT)) + ")");
        Instant deadline = owner.time.instant().plus(HOOK_TIMEOUT);
        try {
            while (true) {
                checks();
                if (!owner.time.instant().isBefore(deadline)) {
                    owner.executions.close(execution);
                    throw new Stop(
                            "Failed",
                            lifecycleEvent + " hook " + hook + " did not report a status within 1 h ("
                                    + Deployments.Display.duration(owner.time.realDelay(HOOK_TIMEOUT))
                                    + " at this scale)");
                }
                String status;
                try {
                    status = execution.status().get(POLL.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException waiting) {
                    continue;
                }
                if (status.equals("Succeeded")) {
                    run.line(function + " " + id + ": " + lifecycleEvent + " hook " + hook + " reported Succeeded");
                    return;
                }
                throw new Stop("Failed", lifecycleEvent + " hook " + hook + " reported " + status);
            }
        } catch (InterruptedException | ExecutionException stopped) {
            owner.executions.close(execution);
            throw new Stop("Stopped", "interrupted while waiting for the " + lifecycleEvent + " hook");
        } finally {
            owner.use(
                    function, to, "deployment " + id + " of " + function + " (" + from + " → " + to + ") in progress");
        }
    }

    /** The hook's template variables that are {@code !Ref ThisFunction.Version}: the new version's ARN now. */
    private Map<String, String> versionVariables(String hook) {
        Map<String, String> variables = new LinkedHashMap<>();
        SamTemplate template = owner.template;
        Map<String, Object> declared = SamTemplate.mapOf(
                SamTemplate.mapOf(template.properties(hook).get("Environment")).get("Variables"));
        declared.forEach((name, value) -> {
            Map<String, Object> ref = SamTemplate.mapOf(value);
            if (ref.size() == 1 && (function + ".Version").equals(String.valueOf(ref.get("Ref")))) {
                variables.put(
                        name,
                        "arn:aws:lambda:" + LocalNames.REGION + ":" + LocalNames.ACCOUNT + ":function:" + function + ":"
                                + to);
            }
        });
        return variables;
    }

    /** Holds the current weight for {@code hold} of CodeDeploy's time: alarms checked, progress shown each minute. */
    private void watch(Duration hold) throws Stop {
        Instant end = owner.time.instant().plus(hold);
        Instant nextMinute = TimeSeries.alignDown(owner.time.instant(), 60).plusSeconds(60);
        while (true) {
            checks();
            Instant now = owner.time.instant();
            if (!now.isBefore(nextMinute)) {
                evaluate(now);
                checks();
                progress();
                nextMinute = TimeSeries.alignDown(now, 60).plusSeconds(60);
                continue;
            }
            if (!now.isBefore(end)) {
                return;
            }
            Instant wake = end.isBefore(nextMinute) ? end : nextMinute;
            Duration sleep = owner.time.realDelay(Duration.between(now, wake));
            try {
                Thread.sleep(Math.max(1, Math.min(POLL.toMillis(), sleep.toMillis())));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new Stop("Stopped", "interrupted");
            }
        }
    }

    /** The watched alarms evaluated now, as CloudWatch does at each minute (the platform's evaluator may lag a rescale). */
    private void evaluate(Instant at) {
        for (String alarm : preference.alarms()) {
            owner.alarms.definition(alarm).ifPresent(definition -> owner.alarms.evaluate(definition, at));
        }
    }

    /** A stop the run asked for, or a watched alarm in ALARM. */
    private void checks() throws Stop {
        String requested = stopRequested;
        if (requested != null) {
            throw new Stop("Stopped", requested);
        }
        List<String> firing = new ArrayList<>();
        for (String alarm : preference.alarms()) {
            AlarmStatus status = owner.alarms.status(alarm);
            AlarmState previous = lastStates.put(alarm, status.state());
            if (previous != null && previous != status.state()) {
                run.line(function + " " + id + ": alarm " + alarm + " " + previous + " → " + status.state() + " ("
                        + status.reason() + ")");
            }
            if (status.state() == AlarmState.ALARM) {
                firing.add(alarm);
            }
        }
        if (!firing.isEmpty()) {
            progress();
            throw new Stop("Stopped", "alarm " + String.join(", ", firing) + " in ALARM");
        }
    }

    private void progress() {
        VersionCounts.Count n = owner.counts.of(function, to).minus(newBefore);
        VersionCounts.Count o = owner.counts.of(function, from).minus(oldBefore);
        update(record().phase(), record().weight());
        StringBuilder alarms = new StringBuilder();
        for (String alarm : preference.alarms()) {
            alarms.append(alarms.isEmpty() ? "" : ", ")
                    .append(alarm)
                    .append(' ')
                    .append(owner.alarms.status(alarm).state());
        }
        run.line(function + " " + id + ": " + record().phase() + " " + Deployments.Display.percent(record().weight())
                + " → " + to
                + " | version " + from + ": " + o.invocations() + " invocations, " + o.errors() + " errors | version "
                + to + ": "
                + n.invocations() + " invocations, " + n.errors() + " errors | " + alarms);
    }
}
