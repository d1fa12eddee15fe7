package dev.orders.local.lint.rules;

import dev.orders.local.lint.TemplateModel;
import dev.orders.local.template.SamTemplate;
import java.util.List;

/** Which functions publish SnapStart versions ({@code SnapStart: ApplyOn: PublishedVersions}, Globals applied). */
final class SnapStartRules {

    private SnapStartRules() {}

    static List<String> functions(TemplateModel template) {
        return template.functions().stream()
                .filter(f -> "PublishedVersions"
                        .equals(String.valueOf(
                                SamTemplate.mapOf(template.properties(f).get("SnapStart"))
                                        .get("ApplyOn"))))
                .toList();
    }
}
