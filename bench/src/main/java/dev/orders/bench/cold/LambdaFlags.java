package dev.orders.bench.cold;

import dev.orders.local.template.SamTemplate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JVM a function gets, from the template: its memory size (the JVM sees that much RAM; heap 85 % of it,
 * an assumption about Lambda's launcher that AWS does not document), serial GC (class-data sharing is on by default,
 * and -Xshare cannot be combined with -XX:AOTCacheOutput), and the template's
 * JAVA_TOOL_OPTIONS, which Lambda hands to the JVM through the environment.
 */
public record LambdaFlags(int memoryMb, Optional<String> toolOptions) {

    public static LambdaFlags of(SamTemplate template, String functionLogicalId) {
        Map<String, Object> properties = template.properties(functionLogicalId);
        int memory = template.integer(properties, "MemorySize").orElse(128);
        Map<String, Object> variables = SamTemplate.mapOf(
                SamTemplate.mapOf(properties.get("Environment")).get("Variables"));
        return new LambdaFlags(
                memory, Optional.ofNullable(variables.get("JAVA_TOOL_OPTIONS")).map(Object::toString));
    }

    public LambdaFlags withMemory(int megabytes) {
        return new LambdaFlags(megabytes, toolOptions);
    }

    public List<String> jvmOptions() {
        return List.of("-XX:+UseSerialGC", "-XX:MaxRAM=" + memoryMb + "m", "-Xmx" + (memoryMb * 85 / 100) + "m");
    }

    /**
     * The variables Lambda sets in every execution environment that the libraries read: with them Powertools'
     * EMF writes metrics to stdout as in Lambda, instead of looking for a CloudWatch agent.
     */
    public Map<String, String> lambdaVariables(String functionName) {
        return Map.of(
                "AWS_LAMBDA_FUNCTION_NAME",
                functionName,
                "AWS_LAMBDA_FUNCTION_VERSION",
                "$LATEST",
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
                Integer.toString(memoryMb),
                "AWS_LAMBDA_LOG_GROUP_NAME",
                "/aws/lambda/" + functionName,
                "AWS_LAMBDA_LOG_STREAM_NAME",
                "bench",
                "AWS_EXECUTION_ENV",
                "AWS_Lambda_java21");
    }

    /** The options as one JVM would see them: command line plus JAVA_TOOL_OPTIONS. */
    public List<String> allOptions() {
        List<String> all = new java.util.ArrayList<>(jvmOptions());
        toolOptions.ifPresent(o -> all.addAll(List.of(o.trim().split("\\s+"))));
        return all;
    }
}
