package dev.orders.local.lint.rules;

import static dev.orders.local.template.SamTemplate.listOf;
import static dev.orders.local.template.SamTemplate.mapOf;

import dev.orders.local.lint.Finding;
import dev.orders.local.lint.LintRule;
import dev.orders.local.lint.TemplateModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An alias that moves to each new version at once, or shifts traffic with no alarm to stop it, puts a bad
 * build in front of every caller. Aliased functions need a DeploymentPreference whose Alarms exist.
 * Deployment hooks and edge functions are exempt: hooks gate other deployments, and CloudFront runs a
 * numbered version, not an alias that CodeDeploy could shift.
 */
public record CanaryAlarmsRule() implements LintRule {

    @Override
    public String name() {
        return "canary-alarms";
    }

    @Override
    public List<Finding> check(TemplateModel template) {
        List<Finding> findings = new ArrayList<>();
        for (String function : template.functions()) {
            Map<String, Object> properties = template.properties(function);
            if (properties.get("AutoPublishAlias") == null
                    || template.deploymentHooks().contains(function)
                    || template.edgeFunctions().contains(function)) {
                continue;
            }
            Map<String, Object> preference = mapOf(properties.get("DeploymentPreference"));
            List<Object> alarms = listOf(preference.get("Alarms"));
            if (preference.isEmpty() || "false".equals(String.valueOf(preference.get("Enabled")))) {
                findings.add(
                        Finding.error(name(), function, "AutoPublishAlias without an enabled DeploymentPreference"));
            } else if (alarms.isEmpty()) {
                findings.add(Finding.error(name(), function, "DeploymentPreference has no Alarms to roll back on"));
            } else {
                alarms.stream()
                        .filter(alarm -> template.reference(alarm).isEmpty())
                        .forEach(alarm -> findings.add(Finding.error(
                                name(),
                                function,
                                "DeploymentPreference alarm " + alarm + " is not an alarm of this template")));
            }
        }
        return findings;
    }
}
