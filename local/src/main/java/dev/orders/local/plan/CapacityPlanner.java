package dev.orders.local.plan;

import dev.orders.functions.DependencyCalls;
import dev.orders.functions.DependencyCalls.Dependency;
import dev.orders.local.plan.Plan.FunctionPlan;
import dev.orders.local.plan.Plan.PathPlan;
import dev.orders.local.plan.Plan.Slowdown;
import dev.orders.local.plan.Topology.Stage;
import dev.orders.local.plan.Topology.Trigger;
import dev.orders.local.template.SamTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The capacity planner: a pure function from a template and the inputs to a {@link Plan}. It reads no clock, no file
 * and no platform, so a test, {@code ./orders plan} and the drill get the same plan for the same question.
 *
 * <p>The model: a function's concurrency is its arrival rate times its duration (Little's law; batch functions count
 * batches, planned full); a function's duration is its baseline plus, for each slowed dependency, the calls it makes
 * there per invocation ({@link DependencyCalls}) times the added latency; each function is held against its reserved
 * concurrency or the account's unreserved pool, its trigger's limits, Lambda's scaling rate and its timeout
 * ({@link FunctionChecks}); the account against its limit and AWS's unreserved minimum.
 */
public final class CapacityPlanner {

    private CapacityPlanner() {}

    public static Plan plan(SamTemplate template, PlanInputs inputs) {
        Topology topology = Topology.of(template);
        Map<String, Integer> reservations = topology.reservations();
        int reserved =
                reservations.values().stream().mapToInt(Integer::intValue).sum();
        Plan.Account account = new Plan.Account(
                inputs.accountConcurrency(), reservations, reserved, inputs.accountConcurrency() - reserved);

        Map<PathName, List<Stage>> paths = new LinkedHashMap<>();
        inputs.rates().keySet().forEach(path -> paths.put(path, topology.stages(path)));
        List<Stage> planned = paths.values().stream().flatMap(List::stream).toList();
        Map<String, Duration> durations = durationsByFunction(inputs, planned);

        List<PathPlan> pathPlans = new ArrayList<>();
        paths.forEach((path, stages) -> {
            double rate = inputs.rates().get(path);
            double arriving = rate;
            List<FunctionPlan> functions = new ArrayList<>();
            for (Stage stage : stages) {
                FunctionChecks checks =
                        new FunctionChecks(stage, rate, arriving, duration(stage, durations, inputs), account, inputs);
                functions.add(checks.plan());
                arriving = checks.passedOn();
            }
            pathPlans.add(new PathPlan(path.label(), rate, path.arrivals(), List.copyOf(functions)));
        });

        List<FunctionPlan> functions =
                pathPlans.stream().flatMap(p -> p.functions().stream()).toList();
        List<Check> accountChecks = accountChecks(account, inputs, functions);
        List<Check> all = new ArrayList<>(accountChecks);
        functions.forEach(f -> all.addAll(f.checks()));
        return new Plan(
                inputsOf(inputs),
                account,
                List.copyOf(pathPlans),
                accountChecks,
                Verdict.worst(all.stream().map(Check::verdict).toList()),
                unusedSlowdowns(inputs, functions));
    }

    /** The planned function an input names: its logical id, or that id without its {@code Function} suffix, in any case. */
    private static Map<String, Duration> durationsByFunction(PlanInputs inputs, List<Stage> planned) {
        Map<String, Duration> byFunction = new LinkedHashMap<>();
        inputs.durations().forEach((name, duration) -> {
            String function = planned.stream()
                    .map(Stage::function)
                    .filter(id -> id.equalsIgnoreCase(name) || id.equalsIgnoreCase(name + "Function"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no function '" + name
                            + "' on the planned paths; they are "
                            + planned.stream().map(Stage::function).distinct().collect(Collectors.joining(", "))));
            if (byFunction.put(function, duration) != null) {
                throw new IllegalArgumentException("the duration of " + function + " is given twice");
            }
        });
        return byFunction;
    }

    /** Baseline, then each slowed dependency's calls per invocation times its added latency. */
    private static FunctionChecks.Timing duration(Stage stage, Map<String, Duration> durations, PlanInputs inputs) {
        Duration baseline = durations.getOrDefault(stage.function(), inputs.duration());
        String source = durations.containsKey(stage.function()) ? "set for " + stage.function() : "baseline";
        int items = FunctionChecks.itemsPerInvocation(stage.trigger());
        List<Slowdown> slowdowns = new ArrayList<>();
        Optional<DependencyCalls.Profile> profile =
                DependencyCalls.forHandler(stage.settings().handler());
        inputs.slow().forEach((dependency, added) -> {
            if (added.isZero()) {
                return;
            }
            DependencyCalls.Profile calls =
                    profile.orElseThrow(() -> new IllegalArgumentException("no dependency call counts"
                            + " for " + stage.function() + "'s handler "
                            + stage.settings().handler() + " (DependencyCalls has none), so"
                            + " a slowed " + dependency.label() + " cannot be planned for it"));
            int perInvocation = calls.calls(dependency) * items;
            if (perInvocation > 0) {
                slowdowns.add(new Slowdown(
                        dependency.label(),
                        perInvocation,
                        added.toNanos() / 1e6,
                        perInvocation * Figures.seconds(added)));
            }
        });
        return new FunctionChecks.Timing(
                Figures.seconds(baseline),
                source,
                items,
                List.copyOf(slowdowns),
                profile.map(p -> p.calls().keySet().stream()
                                .map(Dependency::label)
                                .sorted()
                                .toList())
                        .orElse(List.of()));
    }

    private static List<Check> accountChecks(Plan.Account account, PlanInputs inputs, List<FunctionPlan> functions) {
        List<Check> checks = new ArrayList<>();
        boolean keepsMinimum = account.unreservedPool() >= inputs.minimumUnreserved();
        checks.add(Check.judged(
                "unreserved",
                "account",
                Figures.number(account.limit()) + " account − " + Figures.number(account.reserved()) + " reserved = "
                        + Figures.number(account.unreservedPool()) + (keepsMinimum ? " ≥ " : " < ")
                        + Figures.number(inputs.minimumUnreserved()) + " unreserved minimum",
                inputs.minimumUnreserved(),
                account.unreservedPool(),
                "concurrent executions",
                keepsMinimum ? Verdict.FITS : Verdict.DOES_NOT_FIT,
                keepsMinimum
                        ? ""
                        : "Lambda refuses reservations that leave fewer than " + inputs.minimumUnreserved()
                                + " unreserved"));

        double total =
                functions.stream().mapToDouble(FunctionPlan::concurrencyNeeded).sum();
        checks.add(Check.compare(
                "account limit",
                "account",
                sum(functions) + FunctionChecks.op(total, account.limit()) + Figures.number(account.limit())
                        + " account concurrency",
                total,
                account.limit(),
                "concurrent executions",
                total > account.limit()
                        ? Figures.number(total - account.limit()) + " over: the account throttles"
                        : FunctionChecks.headroom(account.limit() - total, "")));

        List<FunctionPlan> unreserved = functions.stream()
                .filter(f -> !account.reservations().containsKey(f.function()))
                .toList();
        if (unreserved.size() > 1) {
            double shared = unreserved.stream()
                    .mapToDouble(FunctionPlan::concurrencyNeeded)
                    .sum();
            checks.add(Check.compare(
                    "unreserved pool",
                    "account",
                    sum(unreserved) + FunctionChecks.op(shared, account.unreservedPool())
                            + Figures.number(account.unreservedPool()) + " unreserved pool",
                    shared,
                    account.unreservedPool(),
                    "concurrent executions",
                    shared > account.unreservedPool()
                            ? "the functions without a reservation throttle one another"
                            : FunctionChecks.headroom(account.unreservedPool() - shared, "")));
        }
        return List.copyOf(checks);
    }

    /** {@code 25 + 2.5 + 0.75 = 28.25}, or the one figure. */
    private static String sum(List<FunctionPlan> functions) {
        double total =
                functions.stream().mapToDouble(FunctionPlan::concurrencyNeeded).sum();
        if (functions.size() == 1) {
            return Figures.number(total);
        }
        return functions.stream()
                        .map(f -> Figures.number(f.concurrencyNeeded()))
                        .collect(Collectors.joining(" + ")) + " = " + Figures.number(total);
    }

    private static List<String> unusedSlowdowns(PlanInputs inputs, List<FunctionPlan> functions) {
        List<String> notes = new ArrayList<>();
        inputs.slow().forEach((dependency, added) -> {
            boolean called = functions.stream()
                    .flatMap(f -> f.slowdowns().stream())
                    .anyMatch(s -> s.dependency().equals(dependency.label()));
            if (!called && !added.isZero()) {
                notes.add(dependency.label() + " slowed by " + Figures.duration(added)
                        + ": no function on the planned paths calls it," + " so no duration changes");
            }
        });
        return List.copyOf(notes);
    }

    private static Plan.Inputs inputsOf(PlanInputs inputs) {
        Map<String, Double> rates = new LinkedHashMap<>();
        inputs.rates().forEach((path, rate) -> rates.put(path.label(), rate));
        Map<String, Double> durations = new LinkedHashMap<>();
        inputs.durations().forEach((function, d) -> durations.put(function, Figures.seconds(d)));
        Map<String, Double> slow = new LinkedHashMap<>();
        inputs.slow()
                .forEach((dependency, added) ->
                        slow.put(dependency.label().toLowerCase(Locale.ROOT), added.toNanos() / 1e6));
        return new Plan.Inputs(
                rates,
                Figures.seconds(inputs.duration()),
                durations,
                slow,
                inputs.accountConcurrency(),
                inputs.scalingPerTenSeconds(),
                inputs.minimumUnreserved(),
                inputs.recordBytes());
    }

    /** The trigger's kind as the plan names it. */
    static String describe(Trigger trigger) {
        return switch (trigger) {
            case Trigger.ApiRoute route -> "HTTP API " + route.routeKey();
            case Trigger.QueueMapping queue -> "SQS " + queue.mapping().queue() + " (fed by " + queue.feeder() + ")";
            case Trigger.StreamMapping stream -> "Kinesis " + stream.stream();
            case Trigger.Notification notification -> "asynchronous, from " + notification.source();
        };
    }
}
