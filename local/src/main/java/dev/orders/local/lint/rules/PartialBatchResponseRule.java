package dev.orders.local.lint.rules;

import static dev.orders.local.template.SamTemplate.listOf;

import dev.orders.local.lint.Finding;
import dev.orders.local.lint.LintRule;
import dev.orders.local.lint.TemplateModel;
import java.util.List;

/** Without ReportBatchItemFailures one bad message fails, and replays, its whole batch. */
public record PartialBatchResponseRule() implements LintRule {

    @Override
    public String name() {
        return "partial-batch-response";
    }

    @Override
    public List<Finding> check(TemplateModel template) {
        return template.eventSources().stream()
                .filter(TemplateModel.EventSource::isBatch)
                .filter(s ->
                        !listOf(s.properties().get("FunctionResponseTypes")).contains("ReportBatchItemFailures"))
                .map(s -> Finding.error(
                        name(),
                        s.function(),
                        s.type() + " mapping " + s.name() + " lacks FunctionResponseTypes: [ReportBatchItemFailures]"))
                .toList();
    }
}
