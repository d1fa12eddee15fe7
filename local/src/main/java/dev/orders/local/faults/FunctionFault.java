package dev.orders.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One function-level fault, as {@code ./orders deploy --inject} spells it:
 * <ul>
 *   <li>{@code FUNCTION:errors=30%}: that share of the invocations fail with a function error ({@code Unhandled}, as a
 *       thrown exception would), the handler not run;</li>
 *   <li>{@code FUNCTION:errors=100%:route=POST /orders}: only invocations for that API route (the event's
 *       {@code httpMethod} and {@code resource}, or a payload 2.0 {@code routeKey});</li>
 *   <li>{@code FUNCTION:delay=800ms} (or {@code 2s}): every invocation waits that long before its handler runs; the wait
 *       counts in its duration and against its timeout.</li>
 * </ul>
 * {@code version} scopes it: a deployment attaches it to the version it publishes, and no other version sees it.
 */
public record FunctionFault(String function, Effect effect, Optional<Route> route, Optional<String> version) {

    private static final Pattern FUNCTION = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,2})?)%");
    private static final Pattern DELAY = Pattern.compile("(\\d{1,7})(ms|s)");
    private static final Pattern ROUTE = Pattern.compile("(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) (/\\S*)");
    /** Lambda's longest timeout: a longer delay could only ever be a timeout. */
    static final Duration MAX_DELAY = Duration.ofMinutes(15);

    /** What the fault does. */
    public sealed interface Effect {
        String spec();
    }

    /** {@code percent} of the invocations (0 < percent ≤ 100) end in a function error. */
    public record Errors(double percent) implements Effect {
        @Override
        public String spec() {
            return "errors="
                    + (percent == Math.rint(percent) ? String.valueOf((long) percent) : String.valueOf(percent)) + "%";
        }
    }

    /** Each invocation waits {@code delay} before its handler runs. */
    public record Delay(Duration delay) implements Effect {
        @Override
        public String spec() {
            return "delay=" + delay.toMillis() + "ms";
        }
    }

    /** An API route as the HTTP API names it: {@code POST /orders}, {@code GET /orders/{orderId}}. */
    public record Route(String method, String path) {
        /** {@code METHOD /path}, or empty when the text is not a route. */
        public static Optional<Route> parse(String text) {
            Matcher m = ROUTE.matcher(text == null ? "" : text.strip());
            return m.matches() ? Optional.of(new Route(m.group(1), m.group(2))) : Optional.empty();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** The error an injected fault raises in place of the handler: its type is the invocation's {@code errorType}. */
    public static final class InjectedError extends RuntimeException {
        public InjectedError(String message) {
            super(message, null, false, false);
        }
    }

    /** A spec's mistake, in words the command prints. */
    public static final class BadSpec extends IllegalArgumentException {
        BadSpec(String spec, String why) {
            super("--inject '" + spec + "': " + why
                    + " (expected FUNCTION:errors=N%[:route=METHOD /path] or FUNCTION:delay=Nms)");
        }
    }

    /** Parses a spec; any mistake is a {@link BadSpec} naming it. The fault applies to every version until scoped. */
    public static FunctionFault parse(String spec) {
        String text = spec == null ? "" : spec.trim();
        String[] parts = text.split(":", -1);
        if (parts.length < 2) {
            throw new BadSpec(text, "no fault after the function name");
        }
        if (!FUNCTION.matcher(parts[0]).matches()) {
            throw new BadSpec(text, "'" + parts[0] + "' is not a function name");
        }
        Effect effect = null;
        Route route = null;
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            int equals = part.indexOf('=');
            if (equals < 0) {
                throw new BadSpec(text, "'" + part + "' is not KEY=VALUE");
            }
            String key = part.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            String value = part.substring(equals + 1).trim();
            switch (key) {
                case "errors" -> effect = once(text, effect, errors(text, value));
                case "delay" -> effect = once(text, effect, delay(text, value));
                case "route" -> {
                    if (route != null) {
                        throw new BadSpec(text, "route is given twice");
                    }
                    route = Route.parse(value)
                            .orElseThrow(() -> new BadSpec(
                                    text, "route '" + value + "' is not 'METHOD /path' (e.g. 'POST /orders')"));
                }
                default -> throw new BadSpec(text, "unknown key '" + key + "' (errors, delay, route)");
            }
        }
        if (effect == null) {
            throw new BadSpec(text, "errors=N% or delay=Nms is missing");
        }
        return new FunctionFault(parts[0], effect, Optional.ofNullable(route), Optional.empty());
    }

    private static Effect once(String spec, Effect current, Effect next) {
        if (current != null) {
            throw new BadSpec(spec, "one fault per spec (errors or delay); give --inject twice for both");
        }
        return next;
    }

    private static Effect errors(String spec, String value) {
        Matcher m = PERCENT.matcher(value);
        if (!m.matches()) {
            throw new BadSpec(spec, "errors takes a percentage such as 30%, not '" + value + "'");
        }
        double percent = Double.parseDouble(m.group(1));
        if (percent <= 0 || percent > 100) {
            throw new BadSpec(spec, "errors must be more than 0% and at most 100%");
        }
        return new Errors(percent);
    }

    private static Effect delay(String spec, String value) {
        Matcher m = DELAY.matcher(value);
        if (!m.matches()) {
            throw new BadSpec(spec, "delay takes a duration such as 800ms or 2s, not '" + value + "'");
        }
        long amount = Long.parseLong(m.group(1));
        Duration delay = m.group(2).equals("ms") ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
        if (delay.isZero() || delay.compareTo(MAX_DELAY) > 0) {
            throw new BadSpec(spec, "delay must be more than 0 and at most 15 minutes (Lambda's longest timeout)");
        }
        return new Delay(delay);
    }

    /** The same fault, for {@code version} alone. */
    public FunctionFault onVersion(String version) {
        return new FunctionFault(function, effect, route, Optional.of(version));
    }

    /** As it was given ({@code OrderApiFunction:errors=100%:route=POST /orders}), without its version. */
    public String spec() {
        return function + ":" + effect.spec() + route.map(r -> ":route=" + r).orElse("");
    }

    /** Whether it applies to this invocation of {@code function}'s {@code version} with this event. */
    boolean applies(String function, String version, byte[] payload) {
        if (!this.function.equals(function)
                || this.version.filter(v -> !v.equals(version)).isPresent()) {
            return false;
        }
        return route.isEmpty() || route.get().equals(routeOf(payload).orElse(null));
    }

    /** The API route an event is for: payload 1.0's {@code httpMethod} and {@code resource}, or 2.0's {@code routeKey}. */
    static Optional<Route> routeOf(byte[] payload) {
        JsonNode event;
        try {
            event = Json.internal().readTree(payload);
        } catch (IOException notJson) {
            return Optional.empty();
        }
        if (event == null || !event.isObject()) {
            return Optional.empty();
        }
        Optional<Route> routeKey = Route.parse(event.path("routeKey").asText(""));
        if (routeKey.isPresent()) {
            return routeKey;
        }
        String method = event.path("httpMethod").asText("");
        String resource = event.path("resource").asText("");
        return method.isEmpty() || resource.isEmpty() ? Optional.empty() : Optional.of(new Route(method, resource));
    }
}
