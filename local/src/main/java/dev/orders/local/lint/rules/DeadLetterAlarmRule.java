package dev.orders.local.lint.rules;

import dev.orders.local.lint.Finding;
import dev.orders.local.lint.LintRule;
import dev.orders.local.lint.TemplateModel;
import java.util.List;

/**
 * Every queue nothing in the template consumes (a DLQ, a failure destination, a quarantine) is where failed
 * work piles up unseen: it needs an alarm on its depth.
 */
public record DeadLetterAlarmRule() implements LintRule {

    @Override
    public String name() {
        return "dead-letter-alarm";
    }

    @Override
    public List<Finding> check(TemplateModel template) {
        List<TemplateModel.Alarm> alarms = template.alarms();
        return template.idsOfType("AWS::SQS::Queue").stream()
                .filter(queue -> !template.consumedQueues().contains(queue))
                .filter(queue -> alarms.stream()
                        .noneMatch(alarm -> alarm.namespace().equals("AWS/SQS")
                                && alarm.metric().equals("ApproximateNumberOfMessagesVisible")
                                && alarm.watches("QueueName", queue)))
                .map(queue -> Finding.error(
                        name(),
                        queue,
                        "no function consumes this queue and no alarm watches its ApproximateNumberOfMessagesVisible"))
                .toList();
    }
}
