package dev.orders.bench.cold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.local.template.SamTemplate;
import org.junit.jupiter.api.Test;

class LambdaFlagsTest {

    private static final String TEMPLATE = """
            Globals:
              Function:
                MemorySize: 1024
                Environment:
                  Variables:
                    JAVA_TOOL_OPTIONS: "-XX:TieredStopAtLevel=1"
            Resources:
              Api:
                Type: AWS::Serverless::Function
                Properties:
                  MemorySize: 512
              Plain:
                Type: AWS::Serverless::Function
                Properties:
                  Environment:
                    Variables:
                      OTHER: x
            """;

    @Test
    void the_function_jvm_follows_the_templates_memory_and_tool_options() {
        LambdaFlags flags = LambdaFlags.of(SamTemplate.parse(TEMPLATE), "Api");

        assertThat(flags.memoryMb()).isEqualTo(512);
        assertThat(flags.toolOptions()).contains("-XX:TieredStopAtLevel=1");
        assertThat(flags.jvmOptions()).containsExactly("-XX:+UseSerialGC", "-XX:MaxRAM=512m", "-Xmx435m");
        assertThat(flags.allOptions()).endsWith("-XX:TieredStopAtLevel=1");
    }

    @Test
    void globals_apply_where_the_function_says_nothing() {
        LambdaFlags flags = LambdaFlags.of(SamTemplate.parse(TEMPLATE), "Plain");

        assertThat(flags.memoryMb()).isEqualTo(1024);
        assertThat(flags.toolOptions()).contains("-XX:TieredStopAtLevel=1");
        assertThat(flags.withMemory(256).jvmOptions()).contains("-XX:MaxRAM=256m");
    }

    @Test
    void the_environment_names_the_function_as_lambda_does() {
        var variables = LambdaFlags.of(SamTemplate.parse(TEMPLATE), "Api").lambdaVariables("OrderApiFunction");

        assertThat(variables)
                .containsEntry("AWS_LAMBDA_FUNCTION_NAME", "OrderApiFunction")
                .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
    }
}
