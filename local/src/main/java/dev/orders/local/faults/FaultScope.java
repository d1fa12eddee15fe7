package dev.orders.local.faults;

import java.util.Optional;

/**
 * Which calls or deliveries a fault touches: those of one function (its logical id; empty = every function), of one
 * version of it ({@code 3}, {@code $LATEST}; empty = every version), and of those a {@code percentage} (0 < p ≤ 100),
 * each call drawn on its own.
 */
public record FaultScope(Optional<String> function, Optional<String> version, double percentage) {

    public static final FaultScope EVERYTHING = new FaultScope(Optional.empty(), Optional.empty(), 100);

    public FaultScope {
        if (!(percentage > 0 && percentage <= 100)) {
            throw new FaultRequestException("scope.percentage must be above 0 and at most 100, got " + percentage);
        }
        if (version.isPresent() && function.isEmpty()) {
            throw new FaultRequestException(
                    "scope.version needs scope.function: a version number means nothing without its function");
        }
        if (version.isPresent() && !version.get().matches("\\$LATEST|[1-9][0-9]{0,9}")) {
            throw new FaultRequestException(
                    "scope.version must be a version number or $LATEST, got '" + version.get() + "'");
        }
    }

    /** Whether a call of {@code function}'s {@code version} is in scope (before the percentage is drawn). */
    boolean covers(String function, String version) {
        return this.function.map(function::equals).orElse(true)
                && this.version.map(version::equals).orElse(true);
    }

    String describe() {
        String who = function.map(f -> f + version.map(v -> ":" + v).orElse("")).orElse("every function");
        return percentage >= 100 ? who : who + ", " + Percent.text(percentage) + " of calls";
    }
}
