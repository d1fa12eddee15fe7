package dev.orders.local.bus;

import dev.orders.functions.shared.Json;
import dev.orders.local.template.SamTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The template's {@code AWS::Events::Rule} resources as local rules: the event pattern as written,
 * each target with its RetryPolicy (EventBridge's defaults when absent) and DeadLetterConfig. A target
 * is found by the logical id its {@code Arn} refers to; targets the local runtime does not have are
 * skipped with a warning.
 */
public final class TemplateRules {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TemplateRules.class);

    private TemplateRules() {}

    public static List<Rule> load(SamTemplate template, Function<String, Optional<Target>> targets) {
        List<Rule> rules = new ArrayList<>();
        template.resources().forEach((logicalId, resource) -> {
            if (!"AWS::Events::Rule".equals(resource.get("Type"))) {
                return;
            }
            Map<String, Object> properties = template.properties(logicalId);
            if ("DISABLED".equals(properties.get("State"))) {
                return;
            }
            String pattern =
                    Json.internal().valueToTree(properties.get("EventPattern")).toString();
            List<Rule.Binding> bindings = new ArrayList<>();
            for (Object value : SamTemplate.listOf(properties.get("Targets"))) {
                Map<String, Object> target = SamTemplate.mapOf(value);
                Optional<Target> local = logicalIdOf(target.get("Arn")).flatMap(targets);
                if (local.isEmpty()) {
                    LOG.warn("rule {}: target {} is not available locally; skipped", logicalId, target.get("Id"));
                    continue;
                }
                Optional<Target> deadLetter = logicalIdOf(SamTemplate.mapOf(target.get("DeadLetterConfig"))
                                .get("Arn"))
                        .flatMap(targets);
                bindings.add(new Rule.Binding(
                        local.get(), retryPolicy(template, SamTemplate.mapOf(target.get("RetryPolicy"))), deadLetter));
            }
            rules.add(new Rule(logicalId, pattern, bindings));
        });
        return rules;
    }

    static Rule.RetryPolicy retryPolicy(SamTemplate template, Map<String, Object> policy) {
        return new Rule.RetryPolicy(
                template.integer(policy, "MaximumRetryAttempts")
                        .orElse(Rule.RetryPolicy.DEFAULT.maximumRetryAttempts()),
                template.integer(policy, "MaximumEventAgeInSeconds")
                        .map(s -> Duration.ofSeconds(s))
                        .orElse(Rule.RetryPolicy.DEFAULT.maximumEventAge()));
    }

    private static Optional<String> logicalIdOf(Object reference) {
        Map<String, Object> map = SamTemplate.mapOf(reference);
        List<Object> getAtt = SamTemplate.listOf(map.get("Fn::GetAtt"));
        if (!getAtt.isEmpty()) {
            return Optional.of(String.valueOf(getAtt.getFirst()));
        }
        return Optional.ofNullable(map.get("Ref")).map(String::valueOf);
    }
}
