package dev.orders.local.lint.rules;

import dev.orders.local.lint.Finding;
import dev.orders.local.lint.LintRule;
import dev.orders.local.lint.TemplateModel;
import java.util.List;

/**
 * SnapStart and provisioned concurrency on one function: Lambda refuses the combination, so the deployment fails when
 * SAM applies the alias's provisioned concurrency. Pick one: SnapStart for cheap fast starts, provisioned concurrency
 * for none at all.
 */
public record SnapStartProvisionedConcurrencyRule() implements LintRule {

    @Override
    public String name() {
        return "snapstart-provisioned-concurrency";
    }

    @Override
    public List<Finding> check(TemplateModel template) {
        return SnapStartRules.functions(template).stream()
                .filter(f -> template.properties(f).containsKey("ProvisionedConcurrencyConfig"))
                .map(
                        f -> Finding.error(
                                name(),
                                f,
                                "SnapStart with ProvisionedConcurrencyConfig: Lambda refuses provisioned "
                                        + "concurrency on a SnapStart version (InvalidParameterValueException), the deployment fails"))
                .toList();
    }
}
