package dev.orders.local.lint.rules;

import dev.orders.local.lint.Finding;
import dev.orders.local.lint.LintRule;
import dev.orders.local.lint.TemplateModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Behind API Gateway the function must give up before the integration does: otherwise the caller gets a
 * 503/504 while the function runs on, and may retry into a second, concurrent attempt.
 */
public record ApiTimeoutRule() implements LintRule {

    /** HTTP APIs wait 30 s at most and by default; REST APIs 29 s by default. */
    static final int HTTP_API_DEFAULT_MILLIS = 30_000;

    static final int REST_API_DEFAULT_MILLIS = 29_000;

    @Override
    public String name() {
        return "api-timeout-budget";
    }

    @Override
    public List<Finding> check(TemplateModel template) {
        List<Finding> findings = new ArrayList<>();
        for (TemplateModel.EventSource source : template.eventSources()) {
            if (!source.isApi()) {
                continue;
            }
            int integration = template.template()
                    .integer(source.properties(), "TimeoutInMillis")
                    .orElse(source.type().equals("HttpApi") ? HTTP_API_DEFAULT_MILLIS : REST_API_DEFAULT_MILLIS);
            int timeout = template.timeout(source.function());
            if (timeout * 1000L >= integration) {
                findings.add(Finding.error(
                        name(),
                        source.function(),
                        "Timeout " + timeout + " s is not below the " + source.name() + " integration timeout of "
                                + integration + " ms"));
            }
        }
        return findings;
    }
}
