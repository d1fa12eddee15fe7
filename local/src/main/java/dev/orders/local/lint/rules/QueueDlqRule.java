package dev.orders.local.lint.rules;

import static dev.orders.local.template.SamTemplate.mapOf;

import dev.orders.local.lint.Finding;
import dev.orders.local.lint.LintRule;
import dev.orders.local.lint.TemplateModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A queue that a function consumes needs a redrive policy: without one a poison message comes back until its
 * retention ends, failing every batch it is in. AWS recommends a maxReceiveCount of at least 5, so that a
 * throttled or briefly failing consumer does not send good messages to the DLQ.
 */
public record QueueDlqRule() implements LintRule {

    static final int RECOMMENDED_RECEIVES = 5;

    @Override
    public String name() {
        return "queue-dlq";
    }

    @Override
    public List<Finding> check(TemplateModel template) {
        List<Finding> findings = new ArrayList<>();
        for (String queue : template.consumedQueues()) {
            Map<String, Object> redrive = mapOf(template.properties(queue).get("RedrivePolicy"));
            if (redrive.get("deadLetterTargetArn") == null) {
                findings.add(Finding.error(
                        name(), queue, "consumed by a function but has no RedrivePolicy with a deadLetterTargetArn"));
                continue;
            }
            template.template()
                    .integer(redrive, "maxReceiveCount")
                    .filter(count -> count < RECOMMENDED_RECEIVES)
                    .ifPresent(count -> findings.add(Finding.warning(
                            name(),
                            queue,
                            "maxReceiveCount " + count + " < " + RECOMMENDED_RECEIVES
                                    + ": brief failures will dead-letter good messages")));
        }
        return findings;
    }
}
