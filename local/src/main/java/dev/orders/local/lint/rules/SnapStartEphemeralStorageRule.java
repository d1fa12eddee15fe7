package dev.orders.local.lint.rules;

import dev.orders.local.lint.Finding;
import dev.orders.local.lint.LintRule;
import dev.orders.local.lint.TemplateModel;
import dev.orders.local.template.SamTemplate;
import java.util.List;

/** SnapStart with more than 512 MB of ephemeral storage (/tmp): Lambda does not support the combination. */
public record SnapStartEphemeralStorageRule() implements LintRule {

    static final int SNAPSTART_MAXIMUM_MB = 512;

    @Override
    public String name() {
        return "snapstart-ephemeral-storage";
    }

    @Override
    public List<Finding> check(TemplateModel template) {
        return SnapStartRules.functions(template).stream()
                .filter(f -> size(template, f) > SNAPSTART_MAXIMUM_MB)
                .map(f -> Finding.error(
                        name(),
                        f,
                        "SnapStart with EphemeralStorage " + size(template, f)
                                + " MB: Lambda supports SnapStart with at most 512 MB of ephemeral storage"))
                .toList();
    }

    private static int size(TemplateModel template, String function) {
        return template.template()
                .integer(SamTemplate.mapOf(template.properties(function).get("EphemeralStorage")), "Size")
                .orElse(SNAPSTART_MAXIMUM_MB);
    }
}
