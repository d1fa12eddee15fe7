package dev.orders.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.delivery.DeliveryPath;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON of {@code /_local/faults}, both ways. A request:
 * <pre>
 * {"target": "port", "dependency": "store", "effect": "latency", "latency": "p50:200ms,p99:2s",
 *  "scope": {"function": "OrderApiFunction", "version": "3", "percentage": 50}, "duration": "2m"}
 * {"target": "port", "dependency": "mailer", "effect": "throttle", "scope": {"percentage": 20}}
 * {"target": "delivery", "path": "sqs", "effect": "duplicate", "scope": {"function": "PaymentEventsFunction"}}
 * {"target": "function", "effect": "crash", "route": "POST /orders", "scope": {"function": "OrderApiFunction",
 *  "percentage": 10}, "duration": "5m"}
 * </pre>
 * A listed fault adds {@code id}, {@code description}, {@code startedAt}, {@code endsAt} and {@code applied} (how many
 * calls or deliveries it changed). Unknown fields are refused, so a misspelt one never leaves a fault wider than meant.
 */
public final class FaultJson {

    private static final Set<String> COMMON = Set.of("target", "scope", "duration", "effect");
    private static final Set<String> PORT = Set.of("dependency", "operation", "latency");
    private static final Set<String> DELIVERY = Set.of("path");
    private static final Set<String> FUNCTION = Set.of("latency", "route");
    private static final Set<String> SCOPE = Set.of("function", "version", "percentage");

    private FaultJson() {}

    /** A request's fault, with {@code id} and starting {@code now}; a {@link FaultRequestException} says what is wrong. */
    public static Fault read(byte[] body, String id, Instant now) {
        JsonNode request;
        try {
            request = body == null || body.length == 0 ? null : Json.internal().readTree(body);
        } catch (IOException notJson) {
            throw new FaultRequestException("the body is not JSON: " + firstLine(notJson.getMessage()));
        }
        if (request == null || !request.isObject()) {
            throw new FaultRequestException(
                    "the body must be a JSON object such as {\"target\": \"port\", \"dependency\": \"store\", "
                            + "\"effect\": \"latency\", \"latency\": \"750ms\"}");
        }
        String target = text(request, "target")
                .orElseThrow(() -> new FaultRequestException("target is missing: port or delivery"));
        FaultScope scope = scope(request.get("scope"));
        Optional<Instant> endsAt = text(request, "duration").map(d -> {
            Duration duration = Durations.parse("duration", d);
            if (duration.isZero()) {
                throw new FaultRequestException(
                        "duration must be above 0 (leave it out for a fault that lasts until it is removed)");
            }
            return now.plus(duration);
        });
        return switch (target) {
            case "port" -> {
                allowOnly(request, PORT);
                Dependency dependency =
                        Dependency.parse(text(request, "dependency").orElse(null));
                Fault.Effect effect = effect(request, Optional.of(dependency));
                Optional<String> operation = text(request, "operation");
                if (dependency.platformSide()) {
                    platformSide(dependency, operation, scope);
                }
                yield new Fault.PortFault(id, dependency, operation, effect, scope, now, endsAt);
            }
            case "delivery" -> {
                allowOnly(request, DELIVERY);
                DeliveryPath path;
                try {
                    path = DeliveryPath.parse(text(request, "path").orElse(null));
                } catch (IllegalArgumentException unknown) {
                    throw new FaultRequestException(unknown.getMessage());
                }
                String effect = text(request, "effect").orElse("duplicate");
                if (!effect.equals("duplicate")) {
                    throw new FaultRequestException("a delivery fault's effect is duplicate, got '" + effect + "'");
                }
                if (scope.version().isPresent()) {
                    throw new FaultRequestException(
                            "a delivery fault cannot take scope.version: the version is chosen after the "
                                    + "delivery, when the alias routes the invocation");
                }
                if (!path.byFunction() && scope.function().isPresent()) {
                    throw new FaultRequestException(
                            "a " + path.label() + " delivery fault cannot take scope.function: no function "
                                    + "receives the delivery where it is duplicated (scope it by percentage)");
                }
                yield new Fault.DeliveryFault(id, path, scope, now, endsAt);
            }
            case "function" -> {
                allowOnly(request, FUNCTION);
                Fault.Effect effect = effect(request, Optional.empty());
                Optional<FunctionFault.Route> route = text(request, "route")
                        .map(r -> FunctionFault.Route.parse(r)
                                .orElseThrow(() -> new FaultRequestException(
                                        "route must be 'METHOD /path' as the API names it (e.g. 'POST /orders'), got '"
                                                + r + "'")));
                yield new Fault.InvocationFault(id, effect, route, scope, now, endsAt, false);
            }
            default ->
                throw new FaultRequestException("target must be port, delivery or function, got '" + target + "'");
        };
    }

    /**
     * A port fault's effect ({@code port}: latency, errors, throttle, unavailable) or, without a port, a function
     * fault's (latency, errors, crash, timeout).
     */
    private static Fault.Effect effect(JsonNode request, Optional<Dependency> port) {
        String names =
                port.isPresent() ? "latency, errors, throttle or unavailable" : "latency, errors, crash or timeout";
        String effect =
                text(request, "effect").orElseThrow(() -> new FaultRequestException("effect is missing: " + names));
        if (!effect.equals("latency") && request.has("latency")) {
            throw new FaultRequestException("latency is given but effect is " + effect);
        }
        FaultRequestException unknown =
                new FaultRequestException((port.isPresent() ? "effect" : "a function fault's effect") + " must be "
                        + names + ", got '" + effect + "'");
        return switch (effect) {
            case "latency" ->
                new Fault.Effect.Slow(Latency.parse(text(request, "latency").orElse(null)));
            case "errors" -> new Fault.Effect.Errors();
            case "throttle" -> {
                Dependency dependency = port.orElseThrow(() -> unknown);
                if (!dependency.throttles()) {
                    throw new FaultRequestException(
                            dependency.label() + " cannot be throttled: presigning happens in the SDK, without "
                                    + "a call to S3 (use latency or errors)");
                }
                yield new Fault.Effect.Throttle();
            }
            case "unavailable" -> {
                port.orElseThrow(() -> unknown);
                yield new Fault.Effect.Unavailable();
            }
            case "crash", "timeout" -> {
                if (port.isPresent()) {
                    throw unknown;
                }
                yield effect.equals("crash") ? new Fault.Effect.Crash() : new Fault.Effect.Timeout();
            }
            default -> throw unknown;
        };
    }

    /**
     * The bus and the stream are called by the platform (the outbox relay's {@code PutEvents}, the stream mapping's
     * {@code GetRecords}), one operation each, by no version: only the stream's reader function may scope them.
     */
    private static void platformSide(Dependency dependency, Optional<String> operation, FaultScope scope) {
        String who = dependency == Dependency.BUS
                ? "the outbox relay publishes to the bus (PutEvents)"
                : "the event source mapping reads the stream (GetRecords) for its function";
        if (operation.isPresent()) {
            throw new FaultRequestException("a " + dependency.label() + " fault takes no operation: " + who);
        }
        if (scope.version().isPresent()) {
            throw new FaultRequestException("a " + dependency.label() + " fault cannot take scope.version: " + who
                    + ", before any version runs");
        }
        if (dependency == Dependency.BUS && scope.function().isPresent()) {
            throw new FaultRequestException(
                    "a bus fault cannot take scope.function: " + who + ", not a function (scope it by percentage)");
        }
    }

    private static FaultScope scope(JsonNode scope) {
        if (scope == null || scope.isNull()) {
            return FaultScope.EVERYTHING;
        }
        if (!scope.isObject()) {
            throw new FaultRequestException(
                    "scope must be an object: {\"function\": …, \"version\": …, \"percentage\": …}");
        }
        for (Iterator<String> names = scope.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!SCOPE.contains(name)) {
                throw new FaultRequestException(
                        "scope has no field '" + name + "': it takes function, version and percentage");
            }
        }
        JsonNode percentage = scope.get("percentage");
        double p = 100;
        if (percentage != null && !percentage.isNull()) {
            if (percentage.isNumber()) {
                p = percentage.asDouble();
            } else if (percentage.isTextual()) {
                p = Percent.parse("scope.percentage", percentage.asText());
            } else {
                throw new FaultRequestException("scope.percentage must be a number from above 0 to 100");
            }
        }
        return new FaultScope(text(scope, "function"), text(scope, "version"), p);
    }

    private static void allowOnly(JsonNode request, Set<String> specific) {
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!COMMON.contains(name) && !specific.contains(name)) {
                throw new FaultRequestException(
                        "a " + request.path("target").asText() + " fault has no field '" + name + "'");
            }
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new FaultRequestException(field + " must be a non-empty string");
        }
        return Optional.of(value.asText().strip());
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /** A fault as listed, with how many calls or deliveries it changed so far. */
    public static ObjectNode write(Fault fault, long applied, Instant now) {
        ObjectNode node =
                Json.internal().createObjectNode().put("id", fault.id()).put("target", fault.target());
        switch (fault) {
            case Fault.PortFault port -> {
                node.put("dependency", port.dependency().label());
                port.operation().ifPresent(o -> node.put("operation", o));
                node.put("effect", port.effect().name());
                if (port.effect() instanceof Fault.Effect.Slow slow) {
                    node.put("latency", slow.latency().text());
                }
            }
            case Fault.DeliveryFault delivery ->
                node.put("path", delivery.path().label()).put("effect", "duplicate");
            case Fault.InvocationFault invocation -> {
                node.put("effect", invocation.effect().name());
                if (invocation.effect() instanceof Fault.Effect.Slow slow) {
                    node.put("latency", slow.latency().text());
                }
                invocation.route().ifPresent(r -> node.put("route", r.toString()));
                node.put("origin", invocation.byDeployment() ? "deployment" : "faults");
            }
        }
        ObjectNode scope = node.putObject("scope");
        scope.put("function", fault.scope().function().orElse(null))
                .put("version", fault.scope().version().orElse(null))
                .put("percentage", fault.scope().percentage());
        node.put("description", fault.describe())
                .put("startedAt", fault.startedAt().toString())
                .put("endsAt", fault.endsAt().map(Instant::toString).orElse(null));
        fault.endsAt()
                .ifPresent(end -> node.put(
                        "remainingSeconds",
                        Math.max(0, Duration.between(now, end).toMillis()) / 1000.0));
        node.put("applied", applied);
        return node;
    }
}
