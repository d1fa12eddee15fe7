package dev.orders.local.lambda;

import dev.orders.local.template.LocalNames;
import dev.orders.local.template.SamTemplate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A function's deployment settings, read from the SAM template (Globals applied): what a published version
 * snapshots besides its code. {@code eventInvokeConfig} is the template's {@code EventInvokeConfig} as written
 * (asynchronous invocation reads it); {@code fileSystems} says whether {@code FileSystemConfigs} mounts EFS.
 */
public record FunctionSettings(
        String logicalId,
        String handler,
        Duration timeout,
        int memoryMb,
        Optional<Integer> reservedConcurrency,
        String runtime,
        Map<String, String> environment,
        boolean snapStart,
        int ephemeralStorageMb,
        OptionalInt provisionedConcurrency,
        boolean fileSystems,
        Map<String, Object> eventInvokeConfig) {

    /** Lambda's defaults: 512 MB of /tmp, no SnapStart. */
    public static final int DEFAULT_EPHEMERAL_STORAGE_MB = 512;

    public FunctionSettings {
        environment = Map.copyOf(environment);
        eventInvokeConfig = Map.copyOf(eventInvokeConfig);
    }

    /** Settings for a test's function: the given essentials, Lambda's defaults for the rest. */
    public FunctionSettings(
            String logicalId, String handler, Duration timeout, int memoryMb, Optional<Integer> reservedConcurrency) {
        this(
                logicalId,
                handler,
                timeout,
                memoryMb,
                reservedConcurrency,
                "java21",
                Map.of(),
                false,
                DEFAULT_EPHEMERAL_STORAGE_MB,
                OptionalInt.empty(),
                false,
                Map.of());
    }

    /** Lambda's defaults when the template says nothing: 3 s and 128 MB. */
    public static FunctionSettings from(SamTemplate template, String logicalId) {
        Map<String, Object> properties = template.properties(logicalId);
        LocalNames names = new LocalNames(template, Map.of());
        Map<String, String> environment = new LinkedHashMap<>();
        SamTemplate.mapOf(SamTemplate.mapOf(properties.get("Environment")).get("Variables"))
                .forEach((name, value) -> environment.put(name, names.string(value)));
        Map<String, Object> provisioned = SamTemplate.mapOf(properties.get("ProvisionedConcurrencyConfig"));
        Object provisionedCount = provisioned.get("ProvisionedConcurrentExecutions");
        return new FunctionSettings(
                logicalId,
                template.string(properties, "Handler")
                        .orElseThrow(() -> new IllegalArgumentException(logicalId + " has no Handler")),
                Duration.ofSeconds(template.integer(properties, "Timeout").orElse(3)),
                template.integer(properties, "MemorySize").orElse(128),
                template.integer(properties, "ReservedConcurrentExecutions"),
                template.string(properties, "Runtime").orElse("java21"),
                environment,
                "PublishedVersions"
                        .equals(String.valueOf(
                                SamTemplate.mapOf(properties.get("SnapStart")).get("ApplyOn"))),
                template.integer(SamTemplate.mapOf(properties.get("EphemeralStorage")), "Size")
                        .orElse(DEFAULT_EPHEMERAL_STORAGE_MB),
                provisionedCount == null
                        ? OptionalInt.empty()
                        : OptionalInt.of(Integer.parseInt(names.string(provisionedCount))),
                !SamTemplate.listOf(properties.get("FileSystemConfigs")).isEmpty(),
                SamTemplate.mapOf(names.resolve(properties.get("EventInvokeConfig"))));
    }

    /** As Lambda's GetFunctionConfiguration reports it, with {@code $LATEST}'s code. */
    public FunctionInfo info(String codeSha256, long codeSize) {
        return new FunctionInfo(
                logicalId,
                handler,
                runtime,
                memoryMb,
                timeout,
                environment,
                snapStart,
                ephemeralStorageMb,
                provisionedConcurrency,
                codeSha256,
                codeSize);
    }
}
