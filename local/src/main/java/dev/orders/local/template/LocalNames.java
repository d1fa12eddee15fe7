package dev.orders.local.template;

import static dev.orders.local.template.SamTemplate.listOf;
import static dev.orders.local.template.SamTemplate.mapOf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the template's intrinsic functions resolve in the local runtime, where a resource's physical name is
 * its logical id: {@code !Ref} of a function, queue name, HTTP API id, rule or alarm is the logical id (or
 * the resource's explicit name property), {@code !GetAtt X.QueueName} too, ARNs are built in the local
 * account {@code 000000000000} and Region {@code us-east-1}, and {@code !Sub}, {@code !Join}, {@code !If},
 * {@code !Equals}, {@code !Not}, {@code !And}, {@code !Or} and {@code Condition}s are evaluated over the
 * parameters' defaults, which {@code overrides} may replace (as {@code sam deploy --parameter-overrides}).
 */
public final class LocalNames {

    public static final String ACCOUNT = "000000000000";
    public static final String REGION = "us-east-1";
    public static final String STACK = "orders";
    private static final Pattern SUB = Pattern.compile("\\$\\{([^}]+)}");

    private final SamTemplate template;
    private final Map<String, String> overrides;

    public LocalNames(SamTemplate template, Map<String, String> overrides) {
        this.template = template;
        this.overrides = Map.copyOf(overrides);
    }

    public SamTemplate template() {
        return template;
    }

    /** A property value with every intrinsic function resolved; maps and lists are resolved deeply. */
    public Object resolve(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                Object argument = map.values().iterator().next();
                switch (key) {
                    case "Ref" -> {
                        return ref(String.valueOf(argument));
                    }
                    case "Fn::GetAtt" -> {
                        List<Object> parts = listOf(argument);
                        return getAtt(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
                    }
                    case "Fn::Sub" -> {
                        return sub(argument);
                    }
                    case "Fn::Join" -> {
                        List<Object> parts = listOf(argument);
                        List<String> items = new ArrayList<>();
                        listOf(resolve(parts.get(1))).forEach(item -> items.add(String.valueOf(item)));
                        return String.join(String.valueOf(parts.get(0)), items);
                    }
                    case "Fn::If" -> {
                        List<Object> parts = listOf(argument);
                        return resolve(condition(String.valueOf(parts.get(0))) ? parts.get(1) : parts.get(2));
                    }
                    case "Fn::Equals", "Fn::Not", "Fn::And", "Fn::Or", "Condition" -> {
                        return truth(map);
                    }
                    default -> {
                        // not an intrinsic: resolved below as a plain map
                    }
                }
            }
            Map<String, Object> resolved = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> resolved.put(String.valueOf(k), resolve(v)));
            return resolved;
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            list.forEach(v -> resolved.add(resolve(v)));
            return resolved;
        }
        return value;
    }

    public String string(Object value) {
        Object resolved = resolve(value);
        return resolved == null ? null : String.valueOf(resolved);
    }

    /** Whether the template's condition {@code name} holds. */
    public boolean condition(String name) {
        Object definition = mapOf(template.tree().get("Conditions")).get(name);
        if (definition == null) {
            throw new IllegalArgumentException("the template has no condition " + name);
        }
        return truth(definition);
    }

    /** Whether a resource exists locally: it has no Condition, or its Condition holds. */
    public boolean exists(String logicalId) {
        Object condition =
                template.resource(logicalId).map(r -> r.get("Condition")).orElse(null);
        return condition == null || condition(String.valueOf(condition));
    }

    private boolean truth(Object expression) {
        Map<String, Object> map = mapOf(expression);
        if (map.containsKey("Fn::Equals")) {
            List<Object> operands = listOf(map.get("Fn::Equals"));
            return String.valueOf(resolve(operands.get(0))).equals(String.valueOf(resolve(operands.get(1))));
        }
        if (map.containsKey("Fn::Not")) {
            return !truth(listOf(map.get("Fn::Not")).getFirst());
        }
        if (map.containsKey("Fn::And")) {
            return listOf(map.get("Fn::And")).stream().allMatch(this::truth);
        }
        if (map.containsKey("Fn::Or")) {
            return listOf(map.get("Fn::Or")).stream().anyMatch(this::truth);
        }
        if (map.containsKey("Condition")) {
            return condition(String.valueOf(map.get("Condition")));
        }
        return Boolean.parseBoolean(String.valueOf(resolve(expression)));
    }

    public String ref(String name) {
        switch (name) {
            case "AWS::Region" -> {
                return REGION;
            }
            case "AWS::AccountId" -> {
                return ACCOUNT;
            }
            case "AWS::StackName" -> {
                return STACK;
            }
            case "AWS::Partition" -> {
                return "aws";
            }
            case "AWS::URLSuffix" -> {
                return "amazonaws.com";
            }
            case "AWS::NoValue" -> {
                return null;
            }
            default -> {
                // a parameter or a resource, below
            }
        }
        Map<String, Object> parameters = mapOf(template.tree().get("Parameters"));
        if (parameters.containsKey(name)) {
            if (overrides.containsKey(name)) {
                return overrides.get(name);
            }
            Object fallback = mapOf(parameters.get(name)).get("Default");
            return fallback == null ? "" : String.valueOf(fallback);
        }
        if (name.endsWith(".Alias") || name.endsWith(".Version")) {
            String function = name.substring(0, name.lastIndexOf('.'));
            return functionArn(function) + (name.endsWith(".Alias") ? ":live" : ":1");
        }
        String type = template.type(name);
        if (type.isEmpty()) {
            throw new IllegalArgumentException(
                    "!Ref " + name + ": no parameter or resource of that name in the template");
        }
        return switch (type) {
            case "AWS::SNS::Topic" -> arn("sns", physicalName(name, "TopicName"));
            case "AWS::SQS::Queue" ->
                "https://sqs." + REGION + ".amazonaws.com/" + ACCOUNT + "/" + physicalName(name, "QueueName");
            case "AWS::CloudWatch::Alarm" -> physicalName(name, "AlarmName");
            case "AWS::CloudWatch::Dashboard" -> physicalName(name, "DashboardName");
            case "AWS::Kinesis::Stream", "AWS::Events::EventBus", "AWS::Events::Rule" -> physicalName(name, "Name");
            default -> name;
        };
    }

    public String getAtt(String logicalId, String attribute) {
        String type = template.type(logicalId);
        return switch (attribute) {
            case "QueueName" -> physicalName(logicalId, "QueueName");
            case "Arn" ->
                switch (type) {
                    case "AWS::SQS::Queue" -> arn("sqs", physicalName(logicalId, "QueueName"));
                    case "AWS::Kinesis::Stream" ->
                        "arn:aws:kinesis:" + REGION + ":" + ACCOUNT + ":stream/" + ref(logicalId);
                    case "AWS::Serverless::Function", "AWS::Lambda::Function" -> functionArn(logicalId);
                    case "AWS::Events::Rule" -> "arn:aws:events:" + REGION + ":" + ACCOUNT + ":rule/" + ref(logicalId);
                    case "AWS::Events::EventBus" ->
                        "arn:aws:events:" + REGION + ":" + ACCOUNT + ":event-bus/" + ref(logicalId);
                    case "AWS::CloudWatch::Alarm" ->
                        "arn:aws:cloudwatch:" + REGION + ":" + ACCOUNT + ":alarm:" + ref(logicalId);
                    case "AWS::SNS::Topic" -> ref(logicalId);
                    default -> "arn:aws:local:" + REGION + ":" + ACCOUNT + ":" + logicalId;
                };
            case "TopicName" -> physicalName(logicalId, "TopicName");
            default -> logicalId + "." + attribute;
        };
    }

    private String functionArn(String function) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + function;
    }

    /**
     * A resource's name: the logical id (as the local runtime names everything), or an explicit, literal
     * name property. A function is always its logical id locally, whatever its FunctionName says.
     */
    private String physicalName(String logicalId, String property) {
        Object explicit = template.resource(logicalId)
                .map(r -> mapOf(r.get("Properties")).get(property))
                .orElse(null);
        if (explicit instanceof String literal && !literal.contains("${")) {
            return literal;
        }
        return logicalId;
    }

    private static String arn(String service, String name) {
        return "arn:aws:" + service + ":" + REGION + ":" + ACCOUNT + ":" + name;
    }

    private String sub(Object argument) {
        String text;
        Map<String, Object> variables = Map.of();
        if (argument instanceof List<?> list) {
            text = String.valueOf(list.get(0));
            variables = mapOf(list.get(1));
        } else {
            text = String.valueOf(argument);
        }
        Matcher m = SUB.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value;
            if (name.startsWith("!")) {
                value = "${" + name.substring(1) + "}";
            } else if (variables.containsKey(name)) {
                value = String.valueOf(resolve(variables.get(name)));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                int dot = name.indexOf('.');
                value = name.endsWith(".Alias") || name.endsWith(".Version")
                        ? ref(name)
                        : getAtt(name.substring(0, dot), name.substring(dot + 1));
            } else {
                value = Optional.ofNullable(ref(name)).orElse("");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
