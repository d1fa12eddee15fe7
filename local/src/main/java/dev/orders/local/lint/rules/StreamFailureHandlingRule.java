package dev.orders.local.lint.rules;

import static dev.orders.local.template.SamTemplate.mapOf;

import dev.orders.local.lint.Finding;
import dev.orders.local.lint.LintRule;
import dev.orders.local.lint.TemplateModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stream mapping retries a failing batch until its records expire, holding the shard meanwhile. It needs
 * every backstop: bisect to isolate the bad record, a retry limit, a record-age limit, and an OnFailure
 * destination so what is dropped is still known (P3).
 */
public record StreamFailureHandlingRule() implements LintRule {

    @Override
    public String name() {
        return "stream-failure-handling";
    }

    @Override
    public List<Finding> check(TemplateModel template) {
        List<Finding> findings = new ArrayList<>();
        for (TemplateModel.EventSource source : template.eventSources()) {
            if (!source.isStream()) {
                continue;
            }
            Map<String, Object> p = source.properties();
            List<String> missing = new ArrayList<>();
            if (!"true".equals(String.valueOf(p.get("BisectBatchOnFunctionError")))) {
                missing.add("BisectBatchOnFunctionError: true");
            }
            if (limit(template, p, "MaximumRetryAttempts").isEmpty()) {
                missing.add("a MaximumRetryAttempts limit");
            }
            if (limit(template, p, "MaximumRecordAgeInSeconds").isEmpty()) {
                missing.add("a MaximumRecordAgeInSeconds limit");
            }
            if (mapOf(mapOf(p.get("DestinationConfig")).get("OnFailure")).get("Destination") == null) {
                missing.add("a DestinationConfig.OnFailure destination");
            }
            missing.forEach(what -> findings.add(Finding.error(
                    name(), source.function(), source.type() + " mapping " + source.name() + " lacks " + what)));
        }
        return findings;
    }

    /** Absent and -1 both mean "until the record expires". */
    private static Optional<Integer> limit(TemplateModel template, Map<String, Object> properties, String key) {
        return template.template().integer(properties, key).filter(value -> value >= 0);
    }
}
