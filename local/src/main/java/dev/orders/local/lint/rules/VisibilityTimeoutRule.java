package dev.orders.local.lint.rules;

import dev.orders.local.lint.Finding;
import dev.orders.local.lint.LintRule;
import dev.orders.local.lint.TemplateModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A queue's visibility timeout must cover six runs of its consumer plus the batching window (AWS's advice):
 * shorter, and messages reappear while the first invocation still works on them (a known trap: a timeout longer than the visibility timeout).
 */
public record VisibilityTimeoutRule() implements LintRule {

    /** SQS's default when a queue sets none. */
    static final int DEFAULT_VISIBILITY_TIMEOUT = 30;

    @Override
    public String name() {
        return "sqs-visibility-timeout";
    }

    @Override
    public List<Finding> check(TemplateModel template) {
        List<Finding> findings = new ArrayList<>();
        for (TemplateModel.EventSource source : template.eventSources()) {
            if (!source.isQueue()) {
                continue;
            }
            template.sourceQueue(source).ifPresent(queue -> {
                int visibility = template.template()
                        .integer(template.properties(queue), "VisibilityTimeout")
                        .orElse(DEFAULT_VISIBILITY_TIMEOUT);
                int timeout = template.timeout(source.function());
                int window = template.template()
                        .integer(source.properties(), "MaximumBatchingWindowInSeconds")
                        .orElse(0);
                int needed = 6 * timeout + window;
                if (visibility < needed) {
                    findings.add(Finding.error(
                            name(),
                            queue,
                            "VisibilityTimeout " + visibility + " s < 6 x " + source.function() + " Timeout " + timeout
                                    + " s + batching window " + window + " s = " + needed + " s"));
                }
            });
        }
        return findings;
    }
}
