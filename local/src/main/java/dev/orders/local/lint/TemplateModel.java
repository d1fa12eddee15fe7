package dev.orders.local.lint;

import static dev.orders.local.template.SamTemplate.listOf;
import static dev.orders.local.template.SamTemplate.mapOf;

import dev.orders.local.template.SamTemplate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The template as the lint rules ask about it: functions (with Globals applied), their event sources (SAM
 * {@code Events}, plain {@code AWS::Lambda::EventSourceMapping}s and HTTP API integrations alike), queues, alarms,
 * references.
 */
public final class TemplateModel {

    public static final String FUNCTION = "AWS::Serverless::Function";
    /** Lambda's own default when a template sets no Timeout. */
    public static final int DEFAULT_FUNCTION_TIMEOUT = 3;

    private final SamTemplate template;

    public TemplateModel(SamTemplate template) {
        this.template = template;
    }

    public SamTemplate template() {
        return template;
    }

    /** One trigger of a function; {@code type} is SAM's event type (SQS, Kinesis, DynamoDB, Api, HttpApi, ...). */
    public record EventSource(String function, String name, String type, Map<String, Object> properties) {
        public boolean isQueue() {
            return type.equals("SQS");
        }

        public boolean isStream() {
            return type.equals("Kinesis") || type.equals("DynamoDB");
        }

        public boolean isBatch() {
            return isQueue() || isStream() || type.equals("MSK") || type.equals("SelfManagedKafka");
        }

        public boolean isApi() {
            return type.equals("Api") || type.equals("HttpApi");
        }
    }

    /** An alarm's metric: namespace, name, statistic and the resources its dimensions point at. */
    public record Alarm(
            String id, String namespace, String metric, String statistic, Map<String, Optional<String>> dimensions) {
        public boolean watches(String dimension, String resource) {
            return dimensions
                    .getOrDefault(dimension, Optional.empty())
                    .filter(resource::equals)
                    .isPresent();
        }
    }

    public List<String> functions() {
        return idsOfType(FUNCTION);
    }

    public List<String> idsOfType(String type) {
        return template.resources().entrySet().stream()
                .filter(e -> type.equals(e.getValue().get("Type")))
                .map(Map.Entry::getKey)
                .toList();
    }

    public Map<String, Object> properties(String id) {
        return template.properties(id);
    }

    public String type(String id) {
        return template.type(id);
    }

    public int timeout(String function) {
        return template.integer(properties(function), "Timeout").orElse(DEFAULT_FUNCTION_TIMEOUT);
    }

    public List<EventSource> eventSources() {
        List<EventSource> sources = new ArrayList<>();
        for (String function : functions()) {
            mapOf(properties(function).get("Events"))
                    .forEach((name, event) -> sources.add(new EventSource(
                            function,
                            name,
                            String.valueOf(mapOf(event).get("Type")),
                            mapOf(mapOf(event).get("Properties")))));
        }
        for (String mapping : idsOfType("AWS::Lambda::EventSourceMapping")) {
            Map<String, Object> properties = properties(mapping);
            String function = reference(properties.get("FunctionName")).orElse(mapping);
            String sourceType =
                    reference(properties.get("EventSourceArn")).map(this::type).orElse("");
            String type = switch (sourceType) {
                case "AWS::SQS::Queue" -> "SQS";
                case "AWS::Kinesis::Stream" -> "Kinesis";
                case "AWS::DynamoDB::Table" -> "DynamoDB";
                default -> "Unknown";
            };
            sources.add(new EventSource(function, mapping, type, properties));
        }
        // An HTTP API declared as plain resources: each Lambda proxy integration is a synchronous trigger, whose
        // TimeoutInMillis the API rules read as they read an HttpApi event's.
        for (String integration : idsOfType("AWS::ApiGatewayV2::Integration")) {
            Map<String, Object> properties = properties(integration);
            reference(properties.get("IntegrationUri"))
                    .filter(functions()::contains)
                    .ifPresent(function -> sources.add(new EventSource(function, integration, "HttpApi", properties)));
        }
        return sources;
    }

    /** The queue an SQS source reads from, when it is a queue of this template. */
    public Optional<String> sourceQueue(EventSource source) {
        return reference(
                        source.properties().containsKey("Queue")
                                ? source.properties().get("Queue")
                                : source.properties().get("EventSourceArn"))
                .filter(id -> "AWS::SQS::Queue".equals(type(id)));
    }

    public Set<String> consumedQueues() {
        Set<String> queues = new LinkedHashSet<>();
        eventSources().stream()
                .filter(EventSource::isQueue)
                .forEach(s -> sourceQueue(s).ifPresent(queues::add));
        return queues;
    }

    public List<Alarm> alarms() {
        List<Alarm> alarms = new ArrayList<>();
        for (String id : idsOfType("AWS::CloudWatch::Alarm")) {
            Map<String, Object> p = properties(id);
            Map<String, Optional<String>> dimensions = new java.util.LinkedHashMap<>();
            listOf(p.get("Dimensions"))
                    .forEach(d ->
                            dimensions.put(String.valueOf(mapOf(d).get("Name")), reference(mapOf(d).get("Value"))));
            String statistic = String.valueOf(p.getOrDefault("ExtendedStatistic", p.getOrDefault("Statistic", "")));
            alarms.add(new Alarm(
                    id,
                    String.valueOf(p.get("Namespace")),
                    String.valueOf(p.get("MetricName")),
                    statistic,
                    dimensions));
        }
        return alarms;
    }

    /** Functions that CodeDeploy runs as PreTraffic/PostTraffic hooks of some deployment. */
    public Set<String> deploymentHooks() {
        Set<String> hooks = new LinkedHashSet<>();
        for (String function : functions()) {
            mapOf(mapOf(properties(function).get("DeploymentPreference")).get("Hooks"))
                    .values()
                    .forEach(hook -> reference(hook).ifPresent(hooks::add));
        }
        return hooks;
    }

    /**
     * Functions that run at the edge: associated with a CloudFront distribution, or marked with
     * {@code Metadata: {Edge: true}} on the resource.
     */
    public Set<String> edgeFunctions() {
        Set<String> edge = new LinkedHashSet<>();
        edgeAssociations().forEach(association -> reference(association).ifPresent(edge::add));
        for (String function : functions()) {
            Object marked = mapOf(template.resource(function).orElseThrow().get("Metadata"))
                    .get("Edge");
            if (Boolean.TRUE.equals(marked) || "true".equals(String.valueOf(marked))) {
                edge.add(function);
            }
        }
        edge.retainAll(functions());
        return edge;
    }

    /** Every {@code LambdaFunctionARN} value in the template's CloudFront distributions. */
    public List<Object> edgeAssociations() {
        List<Object> arns = new ArrayList<>();
        idsOfType("AWS::CloudFront::Distribution").forEach(id -> collect(properties(id), "LambdaFunctionARN", arns));
        return arns;
    }

    /** The logical id a value points at: {@code Ref X}, {@code Ref X.Version}, {@code GetAtt X.Arn}, {@code Sub "${X...}"}. */
    public Optional<String> reference(Object value) {
        return SamTemplate.referencedId(value)
                .filter(id -> template.resource(id).isPresent());
    }

    private static void collect(Object node, String key, List<Object> into) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (key.equals(k)) {
                    into.add(v);
                } else {
                    collect(v, key, into);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collect(item, key, into));
        }
    }
}
