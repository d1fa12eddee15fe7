package dev.orders.local.lint.rules;

import dev.orders.local.lint.Finding;
import dev.orders.local.lint.LintRule;
import dev.orders.local.lint.TemplateModel;
import java.util.List;

/**
 * Fifteen minutes (Lambda's maximum) on a function someone waits for: an API, or a function URL, which has
 * no integration timeout to cut it short. Set the timeout from the latency budget, not the ceiling.
 */
public record SyncMaxTimeoutRule() implements LintRule {

    static final int MAXIMUM_TIMEOUT = 900;

    @Override
    public String name() {
        return "sync-max-timeout";
    }

    @Override
    public List<Finding> check(TemplateModel template) {
        return template.functions().stream()
                .filter(function -> template.timeout(function) >= MAXIMUM_TIMEOUT && isSynchronous(template, function))
                .map(function -> Finding.error(
                        name(),
                        function,
                        "Timeout " + template.timeout(function)
                                + " s on a synchronous path: callers wait, retry and pile up long before it ends"))
                .toList();
    }

    private static boolean isSynchronous(TemplateModel template, String function) {
        return template.properties(function).containsKey("FunctionUrlConfig")
                || template.eventSources().stream().anyMatch(s -> s.function().equals(function) && s.isApi());
    }
}
