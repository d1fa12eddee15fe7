package dev.orders.local.plan;

import static dev.orders.local.template.SamTemplate.listOf;
import static dev.orders.local.template.SamTemplate.mapOf;

import dev.orders.local.lambda.FunctionSettings;
import dev.orders.local.queue.MappingSettings;
import dev.orders.local.stream.KinesisMappingSettings;
import dev.orders.local.template.HttpApi;
import dev.orders.local.template.LocalNames;
import dev.orders.local.template.SamTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The template as the planner walks it: each path from its entry to the functions it reaches, with every setting the
 * arithmetic needs (reserved concurrency, timeout, the API stage's throttling, batch sizes, the SQS mapping's maximum
 * concurrency, the stream's shards and parallelization factor), and every reservation of the account. Nothing here
 * is a number of its own: a template without a setting gets AWS's default for it.
 */
public final class Topology {

    /** The routes that start the API paths. */
    static final String PLACE_ORDER = "POST /orders";

    static final String PAYMENT_CALLBACK = "POST /payments/callbacks/{provider}";
    /** The source of the order events on the bus (the notifications path's rules match it). */
    static final String ORDER_EVENTS_SOURCE = "orders";

    private static final String FUNCTION = "AWS::Serverless::Function";

    private final SamTemplate template;
    private final LocalNames names;

    private Topology(SamTemplate template) {
        this.template = template;
        this.names = new LocalNames(template, Map.of());
    }

    public static Topology of(SamTemplate template) {
        return new Topology(template);
    }

    /** A function on a path, with its settings and what invokes it. */
    public record Stage(String function, FunctionSettings settings, Trigger trigger) {}

    /** What invokes a function, with the settings of that trigger the plan needs. */
    public sealed interface Trigger {
        /** An HTTP API route (synchronous); {@code throttling} is the stage's default route throttling, per route. */
        record ApiRoute(String api, String routeKey, HttpApi.Throttling throttling) implements Trigger {}

        /** An SQS event source mapping; {@code feeder} says what fills the queue (a function or a rule). */
        record QueueMapping(String feeder, MappingSettings mapping) implements Trigger {}

        /** A Kinesis event source mapping on a provisioned stream. */
        record StreamMapping(String stream, int shards, int batchSize, int parallelizationFactor) implements Trigger {}

        /** An asynchronous invocation by a service (S3 object-created notifications). */
        record Notification(String source) implements Trigger {}
    }

    /** The functions of the template that exist (no Condition, or one that holds over the parameters' defaults). */
    public List<String> functions() {
        return template.resources().keySet().stream()
                .filter(id -> template.type(id).equals(FUNCTION))
                .filter(names::exists)
                .toList();
    }

    /** Every function with a reserved concurrency, in template order. */
    public Map<String, Integer> reservations() {
        Map<String, Integer> reservations = new LinkedHashMap<>();
        for (String function : functions()) {
            FunctionSettings.from(template, function)
                    .reservedConcurrency()
                    .ifPresent(r -> reservations.put(function, r));
        }
        return reservations;
    }

    public boolean has(PathName path) {
        return !find(path).isEmpty();
    }

    /** The path's functions in the order work flows through them; refused when the template has no such path. */
    public List<Stage> stages(PathName path) {
        List<Stage> stages = find(path);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("the template has no " + path.label() + " path: " + missing(path));
        }
        return stages;
    }

    /** The event patterns of the rules the notifications path starts at, as JSON. */
    List<String> notificationPatterns() {
        return orderEventRules().stream()
                .map(rule -> dev.orders.functions.shared.Json.internal()
                        .valueToTree(template.properties(rule).get("EventPattern"))
                        .toString())
                .toList();
    }

    private static String missing(PathName path) {
        return switch (path) {
            case API -> "no HTTP API route " + PLACE_ORDER;
            case PAYMENTS -> "no HTTP API route " + PAYMENT_CALLBACK;
            case FULFILLMENT -> "no function has a Kinesis event";
            case NOTIFICATIONS ->
                "no rule matching source '" + ORDER_EVENTS_SOURCE
                        + "' delivers to a function or to a queue a function reads";
            case RECEIPTS -> "no function has an S3 event (receipt images, P4, are not in this template)";
        };
    }

    private List<Stage> find(PathName path) {
        return switch (path) {
            case API -> route(PLACE_ORDER).map(List::of).orElse(List.of());
            case PAYMENTS ->
                route(PAYMENT_CALLBACK)
                        .map(webhook -> {
                            List<Stage> stages = new ArrayList<>(List.of(webhook));
                            stages.addAll(consumersOfQueuesSentToBy(webhook.function()));
                            return List.copyOf(stages);
                        })
                        .orElse(List.of());
            case FULFILLMENT -> streamConsumers();
            case NOTIFICATIONS -> ruleTargets();
            case RECEIPTS -> objectNotifications();
        };
    }

    private Optional<Stage> route(String routeKey) {
        for (String api : ofType("AWS::ApiGatewayV2::Api", "AWS::Serverless::HttpApi")) {
            if (template.type(api).equals("AWS::ApiGatewayV2::Api")
                    && !"HTTP"
                            .equals(template.string(template.properties(api), "ProtocolType")
                                    .orElse(""))) {
                continue;
            }
            HttpApi http = HttpApi.of(template, api);
            for (HttpApi.Route route : http.routes()) {
                if ((route.method() + " " + route.path()).equals(routeKey)) {
                    return Optional.of(stage(route.function(), new Trigger.ApiRoute(api, routeKey, http.throttling())));
                }
            }
        }
        return Optional.empty();
    }

    /** The functions reading the queues {@code sender}'s environment names (an intake function hands its work on there). */
    private List<Stage> consumersOfQueuesSentToBy(String sender) {
        List<Stage> stages = new ArrayList<>();
        Map<String, Object> variables =
                mapOf(mapOf(template.properties(sender).get("Environment")).get("Variables"));
        for (Object value : variables.values()) {
            SamTemplate.referencedId(value)
                    .filter(id -> template.type(id).equals("AWS::SQS::Queue"))
                    .ifPresent(queue -> stages.addAll(queueConsumers(queue, sender)));
        }
        return stages;
    }

    private List<Stage> queueConsumers(String queue, String feeder) {
        List<Stage> stages = new ArrayList<>();
        for (String function : functions()) {
            boolean reads = mapOf(template.properties(function).get("Events")).values().stream()
                    .map(SamTemplate::mapOf)
                    .anyMatch(event -> "SQS".equals(event.get("Type"))
                            && SamTemplate.referencedId(
                                            mapOf(event.get("Properties")).get("Queue"))
                                    .filter(queue::equals)
                                    .isPresent());
            if (reads) {
                stages.add(stage(function, new Trigger.QueueMapping(feeder, MappingSettings.from(template, function))));
            }
        }
        return stages;
    }

    private List<Stage> streamConsumers() {
        List<Stage> stages = new ArrayList<>();
        for (String function : functions()) {
            Optional<Map<String, Object>> kinesis = event(function, "Kinesis");
            if (kinesis.isEmpty()) {
                continue;
            }
            KinesisMappingSettings mapping = KinesisMappingSettings.from(template, function);
            Map<String, Object> stream = template.properties(mapping.streamLogicalId());
            int shards = template.integer(stream, "ShardCount")
                    .orElseThrow(() -> new IllegalArgumentException("stream " + mapping.streamLogicalId()
                            + " states no ShardCount (an on-demand stream's shards are not in the template)"));
            int parallelization =
                    template.integer(kinesis.get(), "ParallelizationFactor").orElse(1);
            stages.add(stage(
                    function,
                    new Trigger.StreamMapping(
                            mapping.streamLogicalId(), shards, mapping.batchSize(), parallelization)));
        }
        return stages;
    }

    private List<String> orderEventRules() {
        return ofType("AWS::Events::Rule").stream()
                .filter(rule -> !"DISABLED".equals(template.properties(rule).get("State")))
                .filter(rule -> listOf(mapOf(template.properties(rule).get("EventPattern"))
                                .get("source"))
                        .contains(ORDER_EVENTS_SOURCE))
                .toList();
    }

    private List<Stage> ruleTargets() {
        List<Stage> stages = new ArrayList<>();
        for (String rule : orderEventRules()) {
            for (Object target : listOf(template.properties(rule).get("Targets"))) {
                Optional<String> id = SamTemplate.referencedId(mapOf(target).get("Arn"))
                        .filter(t -> template.resource(t).isPresent());
                if (id.isEmpty()) {
                    continue;
                }
                switch (template.type(id.get())) {
                    case "AWS::SQS::Queue" -> stages.addAll(queueConsumers(id.get(), rule));
                    case FUNCTION -> stages.add(stage(id.get(), new Trigger.Notification(rule)));
                    default -> {
                        // another kind of target (a topic, a stream): no function of this template runs there
                    }
                }
            }
        }
        return stages;
    }

    private List<Stage> objectNotifications() {
        return functions().stream()
                .filter(function -> event(function, "S3").isPresent())
                .map(function -> stage(
                        function,
                        new Trigger.Notification(SamTemplate.referencedId(
                                        event(function, "S3").orElseThrow().get("Bucket"))
                                .orElse("S3"))))
                .toList();
    }

    /** The properties of the function's first event of {@code type}. */
    private Optional<Map<String, Object>> event(String function, String type) {
        return mapOf(template.properties(function).get("Events")).values().stream()
                .map(SamTemplate::mapOf)
                .filter(event -> type.equals(event.get("Type")))
                .findFirst()
                .map(event -> mapOf(event.get("Properties")));
    }

    private Stage stage(String function, Trigger trigger) {
        return new Stage(function, FunctionSettings.from(template, function), trigger);
    }

    private List<String> ofType(String... types) {
        List<String> wanted = List.of(types);
        return template.resources().keySet().stream()
                .filter(id -> wanted.contains(template.type(id)))
                .filter(names::exists)
                .toList();
    }
}
