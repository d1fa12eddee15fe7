package dev.orders.local.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.local.template.SamTemplate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A drill's account: Lambda's 1,000 scaled down, the template's reservations with it. */
class ScaledAccountTest {

    @Test
    void reservations_scale_with_the_account_never_below_one_and_zero_stays_zero() {
        String template = """
                Resources:
                  A: {Type: AWS::Serverless::Function, Properties: {ReservedConcurrentExecutions: 100}}
                  B: {Type: AWS::Serverless::Function, Properties: {ReservedConcurrentExecutions: 2}}
                  C: {Type: AWS::Serverless::Function, Properties: {ReservedConcurrentExecutions: 0}}
                """;
        String scaled = new ScaledAccount(50).scale(template);
        assertThat(scaled)
                .contains("A: {Type: AWS::Serverless::Function, Properties: {ReservedConcurrentExecutions: 5}}")
                .contains("B: {Type: AWS::Serverless::Function, Properties: {ReservedConcurrentExecutions: 1}}")
                .contains("C: {Type: AWS::Serverless::Function, Properties: {ReservedConcurrentExecutions: 0}}");
        assertThat(new ScaledAccount(1000).scale(template)).isEqualTo(template);
        assertThat(new ScaledAccount(50).lambda().accountConcurrency()).isEqualTo(50);
        assertThat(new ScaledAccount(50).minimumUnreserved()).isEqualTo(5);
    }

    @Test
    void the_bundled_template_scaled_to_50_keeps_the_unreserved_minimum() {
        SamTemplate scaled = new Drill.Settings(
                        List.of(), Path.of("report"), 1, false, 60, 50, 5, Duration.ofSeconds(1), Optional.empty())
                .scaledTemplate();
        int reserved = scaled.resources().keySet().stream()
                .filter(id -> scaled.type(id).equals("AWS::Serverless::Function"))
                .mapToInt(id -> scaled.integer(scaled.properties(id), "ReservedConcurrentExecutions")
                        .orElse(0))
                .sum();
        assertThat(50 - reserved).isGreaterThanOrEqualTo(5);
        assertThat(scaled.integer(scaled.properties("OrderApiFunction"), "ReservedConcurrentExecutions"))
                .contains(5);
    }

    @Test
    void an_account_below_10_is_refused() {
        assertThatThrownBy(() -> new ScaledAccount(5)).hasMessageContaining("from 10 to 1000");
    }
}
