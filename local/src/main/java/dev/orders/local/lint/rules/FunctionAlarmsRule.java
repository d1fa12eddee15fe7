package dev.orders.local.lint.rules;

import dev.orders.local.lint.Finding;
import dev.orders.local.lint.LintRule;
import dev.orders.local.lint.TemplateModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Every function needs alarms on errors, throttles and tail latency (p95 or above). Deployment hooks are
 * exempt: a failing hook fails its deployment, which CodeDeploy already reports.
 */
public record FunctionAlarmsRule() implements LintRule {

    @Override
    public String name() {
        return "function-alarms";
    }

    @Override
    public List<Finding> check(TemplateModel template) {
        List<TemplateModel.Alarm> alarms = template.alarms();
        List<Finding> findings = new ArrayList<>();
        for (String function : template.functions()) {
            if (template.deploymentHooks().contains(function)) {
                continue;
            }
            List<TemplateModel.Alarm> own = alarms.stream()
                    .filter(a -> a.namespace().equals("AWS/Lambda") && a.watches("FunctionName", function))
                    .toList();
            List<String> missing = new ArrayList<>();
            if (own.stream().noneMatch(a -> a.metric().equals("Errors"))) {
                missing.add("Errors");
            }
            if (own.stream().noneMatch(a -> a.metric().equals("Throttles"))) {
                missing.add("Throttles");
            }
            if (own.stream()
                    .noneMatch(
                            a -> a.metric().equals("Duration") && a.statistic().matches("p(9[5-9]|100)(\\.\\d+)?"))) {
                missing.add("Duration p95");
            }
            if (!missing.isEmpty()) {
                findings.add(Finding.error(name(), function, "no alarm on " + String.join(", ", missing)));
            }
        }
        return findings;
    }
}
