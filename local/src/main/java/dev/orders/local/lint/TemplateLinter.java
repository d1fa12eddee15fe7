package dev.orders.local.lint;

import dev.orders.local.lint.rules.ApiTimeoutRule;
import dev.orders.local.lint.rules.CanaryAlarmsRule;
import dev.orders.local.lint.rules.CloudFrontFunctionRule;
import dev.orders.local.lint.rules.DeadLetterAlarmRule;
import dev.orders.local.lint.rules.FunctionAlarmsRule;
import dev.orders.local.lint.rules.LambdaEdgeRule;
import dev.orders.local.lint.rules.PartialBatchResponseRule;
import dev.orders.local.lint.rules.QueueDlqRule;
import dev.orders.local.lint.rules.SnapStartEfsRule;
import dev.orders.local.lint.rules.SnapStartEphemeralStorageRule;
import dev.orders.local.lint.rules.SnapStartProvisionedConcurrencyRule;
import dev.orders.local.lint.rules.StreamFailureHandlingRule;
import dev.orders.local.lint.rules.SyncMaxTimeoutRule;
import dev.orders.local.lint.rules.VisibilityTimeoutRule;
import dev.orders.local.template.SamTemplate;
import java.util.Comparator;
import java.util.List;

/** The production-readiness lint: the source article's gotchas, one rule each. */
public final class TemplateLinter {

    private final List<LintRule> rules;

    public TemplateLinter(List<LintRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static List<LintRule> allRules() {
        return List.of(
                new VisibilityTimeoutRule(),
                new ApiTimeoutRule(),
                new SyncMaxTimeoutRule(),
                new PartialBatchResponseRule(),
                new StreamFailureHandlingRule(),
                new QueueDlqRule(),
                new DeadLetterAlarmRule(),
                new FunctionAlarmsRule(),
                new CanaryAlarmsRule(),
                new LambdaEdgeRule(),
                new CloudFrontFunctionRule(),
                new SnapStartProvisionedConcurrencyRule(),
                new SnapStartEfsRule(),
                new SnapStartEphemeralStorageRule());
    }

    public static TemplateLinter withAllRules() {
        return new TemplateLinter(allRules());
    }

    /** Every finding, errors first, then by rule and resource. */
    public List<Finding> lint(SamTemplate template) {
        TemplateModel model = new TemplateModel(template);
        return rules.stream()
                .flatMap(rule -> rule.check(model).stream())
                .sorted(Comparator.comparing(Finding::severity)
                        .thenComparing(Finding::rule)
                        .thenComparing(Finding::resource))
                .toList();
    }
}
