package dev.orders.local.lint;

import java.util.List;

/** One production gotcha, checked against the template. */
public interface LintRule {

    /** Short kebab-case name, printed with every finding. */
    String name();

    List<Finding> check(TemplateModel template);
}
