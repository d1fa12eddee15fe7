package dev.orders.local.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A capacity plan: the inputs as understood, the account's concurrency as the template divides it, each path's
 * functions with their figures and checks, the account's checks, and the verdict (the worst of all checks). Every
 * figure is here, so the human table and the JSON say the same thing, and the drill can set what it observes beside
 * what was planned ({@link FunctionPlan#expectedConcurrency()}, {@link Callers}).
 */
public record Plan(
        Inputs inputs,
        Account account,
        List<PathPlan> paths,
        List<Check> accountChecks,
        Verdict verdict,
        List<String> notes) {

    /** The inputs, in the plan's units: rates per second by path, durations in seconds, added latencies in milliseconds. */
    public record Inputs(
            Map<String, Double> rates,
            double durationSeconds,
            Map<String, Double> durationSecondsByFunction,
            Map<String, Double> slowMillis,
            int accountConcurrency,
            int scalingPerTenSeconds,
            int minimumUnreserved,
            int recordBytes) {}

    /** The account's concurrency: its limit, each reservation in the template, and what is left unreserved. */
    public record Account(int limit, Map<String, Integer> reservations, int reserved, int unreservedPool) {}

    /** One path at its entry's rate, with its functions in the order work flows through them. */
    public record PathPlan(String path, double rate, String arrivals, List<FunctionPlan> functions) {}

    /**
     * One function on a path. {@code offeredRate} is what the path's entry offers (the demand every check is about);
     * {@code arrivingRate} what reaches the function past the throttles before it. The duration is
     * {@code baselineSeconds} plus each slowed dependency's calls times its added latency; an invocation lasts at most
     * the function's timeout ({@code effectiveSeconds}). {@code concurrencyNeeded} is Little's law on the offered
     * rate; {@code expectedConcurrency} what the function will run at: the arriving rate's concurrency, within its limits;
     * {@code scaleSeconds} how long it takes to get there from cold (Lambda's scaling rate, or an SQS poller's ramp).
     * {@code callers} is there for a function behind the API only.
     */
    public record FunctionPlan(
            String function,
            String handler,
            String trigger,
            double offeredRate,
            double arrivingRate,
            String unit,
            int itemsPerInvocation,
            double baselineSeconds,
            String baselineSource,
            List<Slowdown> slowdowns,
            double durationSeconds,
            double timeoutSeconds,
            double effectiveSeconds,
            double concurrencyNeeded,
            String concurrencyLimitName,
            double concurrencyLimit,
            double expectedConcurrency,
            double scaleSeconds,
            Callers callers,
            List<Check> checks) {}

    /** The time a slowed dependency adds to one invocation: its calls per invocation times the added latency. */
    public record Slowdown(String dependency, int callsPerInvocation, double addedMillisPerCall, double addedSeconds) {}

    /**
     * What callers of a function behind the API get, per second, at the planned rate: 429 from the API's throttle,
     * 500 from a throttled (or timed-out) function; {@code first} says which a rising load meets first.
     */
    public record Callers(double answered429PerSecond, double answered500PerSecond, String first) {}

    /** Every check of the plan, the paths' in order, then the account's. */
    public List<Check> checks() {
        List<Check> all = new ArrayList<>();
        paths.forEach(path -> path.functions().forEach(function -> all.addAll(function.checks())));
        all.addAll(accountChecks);
        return all;
    }

    /** The plan of a function by its logical id, on whichever path it is. */
    public Optional<FunctionPlan> function(String logicalId) {
        return paths.stream()
                .flatMap(path -> path.functions().stream())
                .filter(f -> f.function().equals(logicalId))
                .findFirst();
    }

    public boolean fits() {
        return verdict != Verdict.DOES_NOT_FIT;
    }
}
