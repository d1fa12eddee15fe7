package dev.orders.local.runtime;

import static dev.orders.local.template.SamTemplate.listOf;
import static dev.orders.local.template.SamTemplate.mapOf;

import dev.orders.local.template.SamTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The template as one deployed stack sees it: each resource's physical id and attributes as CloudFormation
 * hands them out ({@code Ref} of a queue is its URL, of a table its name, {@code Fn::GetAtt X.Arn} an ARN,
 * {@code Ref F.Version} a version ARN, SAM's {@code F.Alias} the alias ARN), parameters at their defaults, and
 * dynamic references ({@code {{resolve:secretsmanager:...}}}) resolved from the given secrets as CloudFormation
 * resolves them at deployment. A value it cannot resolve fails loudly: a function must never start with a
 * variable the test made up.
 */
final class DeployedStack {

    static final String REGION = "eu-west-1";
    static final String ACCOUNT = "123456789012";
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");
    private static final Pattern DYNAMIC_REFERENCE =
            Pattern.compile("\\{\\{resolve:secretsmanager:([^:}]+):SecretString:([^:}]+)}}");

    private final SamTemplate template;
    private final String stackName;
    private final Map<String, String> secrets;

    /** {@code secrets}: "secret-name:json-key" → value. */
    DeployedStack(SamTemplate template, String stackName, Map<String, String> secrets) {
        this.template = template;
        this.stackName = stackName;
        this.secrets = Map.copyOf(secrets);
    }

    SamTemplate template() {
        return template;
    }

    /** The function's environment variables (Globals applied) with every value resolved. */
    Map<String, String> environment(String function) {
        Map<String, String> resolved = new LinkedHashMap<>();
        mapOf(mapOf(template.properties(function).get("Environment")).get("Variables"))
                .forEach((name, value) -> resolved.put(name, resolve(value, function + " environment " + name)));
        return resolved;
    }

    /** The URL of every queue in the stack: the queues an SQS call of a function may name. */
    Set<String> queueUrls() {
        return template.resources().keySet().stream()
                .filter(id -> template.type(id).equals("AWS::SQS::Queue"))
                .map(id -> ref(id, "queue " + id))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The deployed name of a function. */
    String functionName(String function) {
        return ref(function, function);
    }

    String functionArn(String function) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + functionName(function);
    }

    /** The physical name of a table, queue, bus or stream: what {@code Ref} gives (a queue's URL). */
    String ref(String logicalId, String where) {
        if (logicalId.startsWith("AWS::")) {
            return pseudo(logicalId, where);
        }
        if (logicalId.endsWith(".Version")) {
            return functionArn(logicalId.substring(0, logicalId.length() - ".Version".length())) + ":1";
        }
        if (logicalId.endsWith(".Alias")) {
            return functionArn(logicalId.substring(0, logicalId.length() - ".Alias".length())) + ":live";
        }
        Map<String, Object> parameter =
                mapOf(mapOf(template.tree().get("Parameters")).get(logicalId));
        if (!parameter.isEmpty()) {
            if (!parameter.containsKey("Default")) {
                throw new IllegalStateException(where + ": parameter " + logicalId + " has no default");
            }
            return String.valueOf(parameter.get("Default"));
        }
        String type = template.type(logicalId);
        Map<String, Object> properties =
                template.resource(logicalId).isPresent() ? template.properties(logicalId) : Map.of();
        return switch (type) {
            case "AWS::SQS::Queue" ->
                "https://sqs." + REGION + ".amazonaws.com/" + ACCOUNT + "/" + generatedName(logicalId);
            case "AWS::DynamoDB::Table" -> named(properties, "TableName", logicalId, where);
            case "AWS::Events::EventBus", "AWS::Kinesis::Stream" -> named(properties, "Name", logicalId, where);
            case "AWS::Serverless::Function" -> named(properties, "FunctionName", logicalId, where);
            default ->
                throw new IllegalStateException(
                        where + ": cannot resolve Ref " + logicalId + " of type '" + type + "'");
        };
    }

    String getAtt(String logicalId, String attribute, String where) {
        String type = template.type(logicalId);
        return switch (type + "." + attribute) {
            case "AWS::SQS::Queue.Arn" -> "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + generatedName(logicalId);
            case "AWS::SQS::Queue.QueueName" -> generatedName(logicalId);
            case "AWS::SQS::Queue.QueueUrl" -> ref(logicalId, where);
            case "AWS::DynamoDB::Table.Arn" ->
                "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + ref(logicalId, where);
            case "AWS::DynamoDB::Table.StreamArn" ->
                "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + ref(logicalId, where)
                        + "/stream/2026-01-01T00:00:00.000";
            case "AWS::Events::EventBus.Arn" ->
                "arn:aws:events:" + REGION + ":" + ACCOUNT + ":event-bus/" + ref(logicalId, where);
            case "AWS::Events::EventBus.Name" -> ref(logicalId, where);
            case "AWS::Kinesis::Stream.Arn" ->
                "arn:aws:kinesis:" + REGION + ":" + ACCOUNT + ":stream/" + ref(logicalId, where);
            case "AWS::Serverless::Function.Arn" -> functionArn(logicalId);
            default ->
                throw new IllegalStateException(
                        where + ": cannot resolve Fn::GetAtt " + logicalId + "." + attribute + " ('" + type + "')");
        };
    }

    /** CloudFormation's name for a resource without a name property: stack, logical id, a random suffix. */
    String generatedName(String logicalId) {
        return stackName + "-" + logicalId + "-RIC1A2B3C";
    }

    private String named(Map<String, Object> properties, String property, String logicalId, String where) {
        Object name = properties.get(property);
        return name == null ? generatedName(logicalId) : resolve(name, where);
    }

    private String pseudo(String name, String where) {
        return switch (name) {
            case "AWS::Region" -> REGION;
            case "AWS::AccountId" -> ACCOUNT;
            case "AWS::Partition" -> "aws";
            case "AWS::StackName" -> stackName;
            case "AWS::URLSuffix" -> "amazonaws.com";
            default -> throw new IllegalStateException(where + ": cannot resolve " + name);
        };
    }

    String resolve(Object value, String where) {
        String resolved = resolveIntrinsic(value, where);
        Matcher dynamic = DYNAMIC_REFERENCE.matcher(resolved);
        StringBuilder out = new StringBuilder();
        while (dynamic.find()) {
            String key = dynamic.group(1) + ":" + dynamic.group(2);
            String secret = secrets.get(key);
            if (secret == null) {
                throw new IllegalStateException(where + ": no secret " + key + " for " + dynamic.group());
            }
            dynamic.appendReplacement(out, Matcher.quoteReplacement(secret));
        }
        dynamic.appendTail(out);
        return out.toString();
    }

    private String resolveIntrinsic(Object value, String where) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        Map<String, Object> map = mapOf(value);
        if (map.size() == 1) {
            Object inner = map.values().iterator().next();
            switch (map.keySet().iterator().next()) {
                case "Ref" -> {
                    return ref(String.valueOf(inner), where);
                }
                case "Fn::GetAtt" -> {
                    List<Object> parts = inner instanceof List<?> list
                            ? listOf(list)
                            : List.of((Object[]) String.valueOf(inner).split("\\.", 2));
                    return getAtt(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)), where);
                }
                case "Fn::Sub" -> {
                    return sub(inner, where);
                }
                case "Fn::Join" -> {
                    List<Object> parts = listOf(inner);
                    return String.join(
                            String.valueOf(parts.get(0)),
                            listOf(parts.get(1)).stream()
                                    .map(v -> resolveIntrinsic(v, where))
                                    .toList());
                }
                case "Fn::Select" -> {
                    List<Object> parts = listOf(inner);
                    Object list = parts.get(1);
                    List<String> values = mapOf(list).containsKey("Fn::Split")
                            ? split(mapOf(list).get("Fn::Split"), where)
                            : listOf(list).stream()
                                    .map(v -> resolveIntrinsic(v, where))
                                    .toList();
                    return values.get(Integer.parseInt(String.valueOf(parts.get(0))));
                }
                default -> {}
            }
        }
        throw new IllegalStateException(where + ": cannot resolve " + value);
    }

    private List<String> split(Object arguments, String where) {
        List<Object> parts = listOf(arguments);
        return List.of(resolveIntrinsic(parts.get(1), where).split(Pattern.quote(String.valueOf(parts.get(0))), -1));
    }

    private String sub(Object argument, String where) {
        String text;
        Map<String, Object> variables;
        if (argument instanceof List<?> list) {
            text = String.valueOf(list.get(0));
            variables = mapOf(list.get(1));
        } else {
            text = String.valueOf(argument);
            variables = Map.of();
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement;
            if (variables.containsKey(name)) {
                replacement = resolveIntrinsic(variables.get(name), where);
            } else if (name.contains(".") && !name.endsWith(".Version") && !name.endsWith(".Alias")) {
                replacement =
                        getAtt(name.substring(0, name.indexOf('.')), name.substring(name.indexOf('.') + 1), where);
            } else {
                replacement = ref(name, where);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
