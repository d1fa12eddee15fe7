package dev.orders.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.local.lambda.FunctionSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SamTemplateTest {

    private static final String TEMPLATE = """
            Parameters:
              Timeout:
                Type: Number
                Default: 7
            Globals:
              Function:
                MemorySize: 512
                Timeout: 3
                Environment:
                  Variables:
                    A: global
                    B: global
                Layers: [g]
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: a.B::handleRequest
                  Timeout: !Ref Timeout
                  Environment:
                    Variables:
                      B: own
                  Layers: [own]
                  Role: !GetAtt Role.Arn
                  Description: !Sub "${AWS::StackName}-fn"
                  Tags: !If [IsProd, {a: b}, !Ref "AWS::NoValue"]
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  VisibilityTimeout: 60
            """;

    @Test
    void short_form_intrinsics_become_long_form() {
        Map<String, Object> properties = SamTemplate.mapOf(
                SamTemplate.mapOf(SamTemplate.parse(TEMPLATE).resources().get("Fn"))
                        .get("Properties"));
        assertThat(properties.get("Timeout")).isEqualTo(Map.of("Ref", "Timeout"));
        assertThat(properties.get("Role")).isEqualTo(Map.of("Fn::GetAtt", List.of("Role", "Arn")));
        assertThat(properties.get("Description")).isEqualTo(Map.of("Fn::Sub", "${AWS::StackName}-fn"));
        assertThat(properties.get("Tags"))
                .isEqualTo(Map.of("Fn::If", List.of("IsProd", Map.of("a", "b"), Map.of("Ref", "AWS::NoValue"))));
    }

    @Test
    void globals_apply_as_sam_applies_them() {
        Map<String, Object> properties = SamTemplate.parse(TEMPLATE).properties("Fn");
        assertThat(properties.get("MemorySize")).isEqualTo(512);
        assertThat(SamTemplate.mapOf(
                        SamTemplate.mapOf(properties.get("Environment")).get("Variables")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("A", "global", "B", "own"));
        assertThat(properties.get("Layers")).isEqualTo(List.of("g", "own"));
    }

    @Test
    void function_settings_resolve_parameters_and_globals() {
        FunctionSettings settings = FunctionSettings.from(SamTemplate.parse(TEMPLATE), "Fn");
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(settings.memoryMb()).isEqualTo(512);
        assertThat(settings.reservedConcurrency()).isEqualTo(Optional.empty());
    }

    @Test
    void other_resources_get_no_globals() {
        assertThat(SamTemplate.parse(TEMPLATE).properties("Queue")).isEqualTo(Map.of("VisibilityTimeout", 60));
    }

    @Test
    void the_bundled_template_declares_the_order_api() {
        FunctionSettings api = FunctionSettings.from(SamTemplate.bundled(), "OrderApiFunction");
        assertThat(api.handler()).isEqualTo("dev.orders.functions.api.OrderApiHandler::handleRequest");
        assertThat(api.reservedConcurrency()).isPresent();
    }
}
