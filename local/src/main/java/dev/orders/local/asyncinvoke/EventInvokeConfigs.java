package dev.orders.local.asyncinvoke;

import dev.orders.local.template.SamTemplate;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every asynchronous-invocation setting of the template, by function and qualifier, as the deployed stack has them:
 * a SAM function's {@code EventInvokeConfig} applies to its {@code AutoPublishAlias} (to {@code $LATEST} without
 * one), an {@code AWS::Lambda::EventInvokeConfig} resource to its {@code Qualifier}, and a function's
 * {@code DeadLetterQueue} to every invocation of it. An event invoked through a qualifier without a configuration
 * gets Lambda's defaults: so an unqualified invoke of a function whose template config sits on its alias retries
 * twice, keeps events six hours and has no destinations, exactly as in AWS.
 */
public final class EventInvokeConfigs {

    public static final String LATEST = "$LATEST";
    private static final List<String> SAM_TYPES = List.of("SQS", "SNS", "EventBridge", "Lambda");

    private final Map<String, EventInvokeConfig> byQualifier;
    private final Map<String, EventInvokeConfig.Destination> deadLetterQueues;
    private final Set<String> implicitQueues;

    public EventInvokeConfigs(
            Map<String, EventInvokeConfig> byFunctionAndQualifier,
            Map<String, EventInvokeConfig.Destination> deadLetterQueues) {
        this(byFunctionAndQualifier, deadLetterQueues, Set.of());
    }

    private EventInvokeConfigs(
            Map<String, EventInvokeConfig> byFunctionAndQualifier,
            Map<String, EventInvokeConfig.Destination> deadLetterQueues,
            Set<String> implicitQueues) {
        this.byQualifier = Map.copyOf(byFunctionAndQualifier);
        this.deadLetterQueues = Map.copyOf(deadLetterQueues);
        this.implicitQueues = Set.copyOf(implicitQueues);
    }

    public static final EventInvokeConfigs NONE = new EventInvokeConfigs(Map.of(), Map.of());

    /** The key of a function's qualifier in the map the constructor takes. */
    public static String key(String function, String qualifier) {
        return function + ":" + qualifier;
    }

    /** The configuration of an event invoked with {@code qualifier} (empty: {@code $LATEST}). */
    public EventInvokeConfig of(String function, Optional<String> qualifier) {
        EventInvokeConfig config =
                byQualifier.getOrDefault(key(function, qualifier.orElse(LATEST)), EventInvokeConfig.DEFAULT);
        return config.withDeadLetterQueue(Optional.ofNullable(deadLetterQueues.get(function)));
    }

    /** Every configuration the template declares, by {@code FUNCTION:QUALIFIER}. */
    public Map<String, EventInvokeConfig> declared() {
        return byQualifier;
    }

    /**
     * The queues SAM creates for an SQS destination given without its {@code Destination}
     * ({@code <Function>EventInvokeConfigOnFailureQueue}): not in the template, so the engine declares them.
     */
    public Set<String> implicitQueues() {
        return implicitQueues;
    }

    /** Reads the template; a value CloudFormation would refuse (retries 3, age 30 s) fails here too. */
    public static EventInvokeConfigs from(SamTemplate template) {
        Map<String, EventInvokeConfig> configs = new HashMap<>();
        Map<String, EventInvokeConfig.Destination> deadLetterQueues = new HashMap<>();
        Set<String> implicitQueues = new HashSet<>();
        template.resources().forEach((id, resource) -> {
            switch (String.valueOf(resource.get("Type"))) {
                case "AWS::Serverless::Function" -> {
                    Map<String, Object> properties = template.properties(id);
                    Map<String, Object> config = SamTemplate.mapOf(properties.get("EventInvokeConfig"));
                    if (!config.isEmpty()) {
                        String qualifier =
                                template.string(properties, "AutoPublishAlias").orElse(LATEST);
                        configs.put(key(id, qualifier), read(template, id, config, Optional.of(implicitQueues)));
                    }
                    Map<String, Object> dlq = SamTemplate.mapOf(properties.get("DeadLetterQueue"));
                    if (!dlq.isEmpty()) {
                        deadLetterQueues.put(
                                id,
                                destination(
                                        template,
                                        id,
                                        template.string(dlq, "Type").orElse("SQS"),
                                        dlq.get("TargetArn")));
                    }
                }
                case "AWS::Lambda::EventInvokeConfig" -> {
                    Map<String, Object> properties = template.properties(id);
                    String function = SamTemplate.referencedId(properties.get("FunctionName"))
                            .or(() -> template.string(properties, "FunctionName"))
                            .orElseThrow(() -> new IllegalArgumentException(id + " names no FunctionName"));
                    String qualifier = template.string(properties, "Qualifier")
                            .orElseThrow(() -> new IllegalArgumentException(id + " names no Qualifier"));
                    configs.put(key(function, qualifier), read(template, id, properties, Optional.empty()));
                }
                default -> {}
            }
        });
        return new EventInvokeConfigs(configs, deadLetterQueues, implicitQueues);
    }

    /** {@code samImplicitQueues}: present for a SAM function's property, where SAM may create the destination queue. */
    private static EventInvokeConfig read(
            SamTemplate template, String owner, Map<String, Object> config, Optional<Set<String>> samImplicitQueues) {
        Map<String, Object> destinations = SamTemplate.mapOf(config.get("DestinationConfig"));
        try {
            return new EventInvokeConfig(
                    template.integer(config, "MaximumRetryAttempts").orElse(EventInvokeConfig.DEFAULT_RETRY_ATTEMPTS),
                    template.integer(config, "MaximumEventAgeInSeconds")
                            .map(Duration::ofSeconds)
                            .orElse(EventInvokeConfig.DEFAULT_EVENT_AGE),
                    destination(
                            template,
                            owner,
                            "OnSuccess",
                            SamTemplate.mapOf(destinations.get("OnSuccess")),
                            samImplicitQueues),
                    destination(
                            template,
                            owner,
                            "OnFailure",
                            SamTemplate.mapOf(destinations.get("OnFailure")),
                            samImplicitQueues),
                    Optional.empty());
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException(owner + "'s EventInvokeConfig: " + invalid.getMessage(), invalid);
        }
    }

    /**
     * SAM names the type ({@code Type: SQS|SNS|EventBridge|Lambda}) and creates an SQS queue or SNS topic named
     * {@code <Function>EventInvokeConfig<OnSuccess|OnFailure>Queue|Topic} when the Destination is left out;
     * CloudFormation names only the ARN, whose target's type says what it is.
     */
    private static Optional<EventInvokeConfig.Destination> destination(
            SamTemplate template,
            String owner,
            String event,
            Map<String, Object> on,
            Optional<Set<String>> samImplicitQueues) {
        if (on.isEmpty()) {
            return Optional.empty();
        }
        Object arn = on.get("Destination");
        if (samImplicitQueues.isPresent()) {
            String type = template.string(on, "Type").orElse("");
            if (!SAM_TYPES.contains(type)) {
                throw new IllegalArgumentException("'Type: " + type + "' must be one of " + SAM_TYPES);
            }
            if (arn == null) {
                if (!type.equals("SQS") && !type.equals("SNS")) {
                    throw new IllegalArgumentException("Destination is required if Type is not SQS or SNS");
                }
                String implicit = owner + "EventInvokeConfig" + event + (type.equals("SQS") ? "Queue" : "Topic");
                if (type.equals("SQS")) {
                    samImplicitQueues.get().add(implicit);
                }
                return Optional.of(new EventInvokeConfig.Destination(type, implicit));
            }
            return Optional.of(destination(template, owner, type, arn));
        }
        if (arn == null) {
            throw new IllegalArgumentException("a destination needs its Destination ARN");
        }
        return Optional.of(destination(template, owner, typeOf(template, arn), arn));
    }

    private static EventInvokeConfig.Destination destination(
            SamTemplate template, String owner, String type, Object arn) {
        String target = SamTemplate.referencedId(arn)
                .or(() -> template.resolve(arn) instanceof String literal
                        ? Optional.of(lastArnPart(literal))
                        : Optional.empty())
                .orElseThrow(() ->
                        new IllegalArgumentException(owner + ": a destination must be an ARN or a reference to one"));
        if (type.equals("SQS") && !template.type(target).equals("AWS::SQS::Queue")) {
            // An SQS ARN of another stack: nothing local can receive it.
            return new EventInvokeConfig.Destination("SQS (not in the template)", target);
        }
        return new EventInvokeConfig.Destination(type, target);
    }

    private static String typeOf(SamTemplate template, Object arn) {
        String target = SamTemplate.referencedId(arn).orElse("");
        return switch (template.type(target)) {
            case "AWS::SQS::Queue" -> "SQS";
            case "AWS::SNS::Topic" -> "SNS";
            case "AWS::Serverless::Function", "AWS::Lambda::Function" -> "Lambda";
            case "AWS::Events::EventBus" -> "EventBridge";
            case "AWS::S3::Bucket" -> "S3";
            default -> arn instanceof String literal && literal.startsWith("arn:aws:sqs:") ? "SQS" : "unknown";
        };
    }

    private static String lastArnPart(String arn) {
        List<String> parts = List.of(arn.split(":"));
        return parts.getLast();
    }
}
