package dev.orders.local.lint.rules;

import dev.orders.local.lint.Finding;
import dev.orders.local.lint.LintRule;
import dev.orders.local.lint.TemplateModel;
import java.util.List;

/** SnapStart with an EFS mount ({@code FileSystemConfigs}): Lambda does not support the combination. */
public record SnapStartEfsRule() implements LintRule {

    @Override
    public String name() {
        return "snapstart-efs";
    }

    @Override
    public List<Finding> check(TemplateModel template) {
        return SnapStartRules.functions(template).stream()
                .filter(f -> template.properties(f).containsKey("FileSystemConfigs"))
                .map(f -> Finding.error(
                        name(),
                        f,
                        "SnapStart with FileSystemConfigs: Lambda does not support SnapStart with Amazon EFS"))
                .toList();
    }
}
