package dev.orders.local.lambda;

import dev.orders.local.template.SamTemplate;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A function's deployment settings, read from the SAM template (Globals applied). */
public record FunctionSettings(String logicalId, String handler, Duration timeout, int memoryMb,
                               Optional<Integer> reservedConcurrency) {

    /** Lambda's defaults when the template says nothing: 3 s and 128 MB. */
    public static FunctionSettings from(SamTemplate template, String logicalId) {
        Map<String, Object> properties = template.properties(logicalId);
        return new FunctionSettings(logicalId,
                template.string(properties, "Handler").orElseThrow(() -> new IllegalArgumentException(logicalId + " has no Handler")),
                Duration.ofSeconds(template.integer(properties, "Timeout").orElse(3)),
                template.integer(properties, "MemorySize").orElse(128),
                template.integer(properties, "ReservedConcurrentExecutions"));
    }
}
