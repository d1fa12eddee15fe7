package dev.orders.local.plan;

import dev.orders.local.plan.Plan.FunctionPlan;
import dev.orders.local.plan.Plan.PathPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A plan as a person reads it: the account, then per path each function with its duration and one line per check
 * (name, verdict, the formula with its figures, and what it means), the account's checks, and the verdict.
 */
public final class PlanText {

    /** Notes start in one column after the formulas; a formula longer than this has its note right after it. */
    private static final int WIDEST_FORMULA_COLUMN = 72;

    private PlanText() {}

    /** {@code context}: lines printed under the title, such as how a rate in orders per second spreads over the paths. */
    public static String render(Plan plan, String template, List<String> context) {
        List<String> lines = new ArrayList<>();
        lines.add("Capacity plan of " + template + ": "
                + plan.paths().stream()
                        .map(p -> p.path() + " at " + Figures.number(p.rate()) + " " + p.arrivals() + "/s")
                        .collect(Collectors.joining(", ")));
        context.forEach(line -> lines.add("  " + line));
        Plan.Account account = plan.account();
        lines.add("Account: " + Figures.number(account.limit()) + " concurrent executions, "
                + Figures.number(account.reserved())
                + " reserved"
                + (account.reservations().isEmpty()
                        ? ""
                        : " ("
                                + account.reservations().entrySet().stream()
                                        .map(e -> e.getKey() + " " + e.getValue())
                                        .collect(Collectors.joining(", "))
                                + ")")
                + ", "
                + Figures.number(account.unreservedPool()) + " unreserved; Lambda adds up to "
                + Figures.number(plan.inputs().scalingPerTenSeconds()) + " environments per function every 10 s");
        plan.notes().forEach(note -> lines.add("Note: " + note));

        int column = plan.checks().stream()
                .mapToInt(c -> c.formula().length())
                .filter(length -> length <= WIDEST_FORMULA_COLUMN)
                .max()
                .orElse(WIDEST_FORMULA_COLUMN);
        for (PathPlan path : plan.paths()) {
            lines.add("");
            lines.add(path.path() + " · " + Figures.number(path.rate()) + " " + path.arrivals() + "/s");
            for (FunctionPlan function : path.functions()) {
                lines.add("  " + function.function() + " ← " + function.trigger());
                lines.add("    " + durationLine(function));
                function.checks().forEach(check -> lines.add(line(check, column)));
            }
        }
        lines.add("");
        lines.add("account");
        plan.accountChecks().forEach(check -> lines.add(line(check, column)));
        lines.add("");
        lines.add(summary(plan));
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    private static String durationLine(FunctionPlan function) {
        String per = function.itemsPerInvocation() == 1
                ? "per invocation"
                : "per full batch of " + function.itemsPerInvocation();
        String baseline = Figures.duration(Duration.ofNanos(Math.round(function.baselineSeconds() * 1e9)));
        String source = " (" + function.baselineSource() + ")";
        String slowed = function.slowdowns().stream()
                .map(s -> " + " + s.callsPerInvocation() + " " + s.dependency() + " calls × "
                        + Figures.number(s.addedMillisPerCall()) + " ms")
                .collect(Collectors.joining());
        String duration = slowed.isEmpty()
                ? "duration " + baseline + " " + per + source
                : "duration " + Figures.seconds(function.durationSeconds()) + " " + per + " = " + baseline + source
                        + slowed;
        if (function.durationSeconds() > function.timeoutSeconds()) {
            duration += ", cut at the " + Figures.seconds(function.timeoutSeconds()) + " timeout";
        }
        return duration + "; " + function.concurrencyLimitName() + " " + Figures.number(function.concurrencyLimit());
    }

    private static String line(Check check, int column) {
        String text = String.format(
                "    %-15s %-13s %s", check.check(), check.verdict().label(), check.formula());
        if (check.note().isEmpty()) {
            return text;
        }
        int noteAt = 4 + 15 + 1 + 13 + 1 + column + 3;
        return text.length() < noteAt
                ? String.format("%-" + noteAt + "s%s", text, check.note())
                : text + "   " + check.note();
    }

    private static String summary(Plan plan) {
        List<Check> checks = plan.checks();
        List<String> failing = checks.stream()
                .filter(c -> c.verdict() == Verdict.DOES_NOT_FIT)
                .map(c -> c.subject().equals("account") ? c.check() : c.check() + " of " + c.subject())
                .toList();
        long tight = checks.stream().filter(c -> c.verdict() == Verdict.TIGHT).count();
        return "Plan " + plan.verdict().label() + ": " + checks.size() + " checks, " + failing.size()
                + (failing.size() == 1 ? " does not fit" : " do not fit")
                + (failing.isEmpty() ? "" : " (" + String.join(", ", failing) + ")") + ", " + tight + " tight.";
    }
}
