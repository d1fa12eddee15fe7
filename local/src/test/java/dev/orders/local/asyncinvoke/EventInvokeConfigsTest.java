package dev.orders.local.asyncinvoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.local.template.SamTemplate;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The template's asynchronous-invocation settings, read as the deployed stack has them. */
class EventInvokeConfigsTest {

    private static EventInvokeConfigs read(String resources) {
        return EventInvokeConfigs.from(SamTemplate.parse("Resources:\n" + resources.indent(2)));
    }

    @Test
    void a_sam_functions_config_sits_on_its_auto_published_alias_and_a_function_without_one_on_latest() {
        EventInvokeConfigs configs = read("""
                Aliased:
                  Type: AWS::Serverless::Function
                  Properties:
                    Handler: a
                    AutoPublishAlias: live
                    EventInvokeConfig:
                      MaximumRetryAttempts: 1
                      MaximumEventAgeInSeconds: 300
                      DestinationConfig:
                        OnFailure: {Type: SQS, Destination: !GetAtt Failed.Arn}
                Plain:
                  Type: AWS::Serverless::Function
                  Properties:
                    Handler: b
                    EventInvokeConfig: {MaximumRetryAttempts: 0}
                Failed: {Type: AWS::SQS::Queue}
                """);
        EventInvokeConfig live = configs.of("Aliased", Optional.of("live"));
        assertThat(live.maximumRetryAttempts()).isEqualTo(1);
        assertThat(live.maximumEventAge()).isEqualTo(Duration.ofMinutes(5));
        assertThat(live.onFailure()).hasValue(new EventInvokeConfig.Destination("SQS", "Failed"));
        assertThat(live.onFailure().orElseThrow().queue()).hasValue("Failed");
        assertThat(configs.of("Aliased", Optional.empty())).isEqualTo(EventInvokeConfig.DEFAULT);
        assertThat(configs.of("Aliased", Optional.of("3"))).isEqualTo(EventInvokeConfig.DEFAULT);
        assertThat(configs.of("Plain", Optional.empty()).maximumRetryAttempts()).isZero();
        assertThat(configs.of("Plain", Optional.empty()).maximumEventAge()).isEqualTo(Duration.ofHours(6));
        assertThat(configs.declared()).containsOnlyKeys("Aliased:live", "Plain:$LATEST");
    }

    @Test
    void a_cloudformation_event_invoke_config_names_its_function_qualifier_and_destination_arns() {
        EventInvokeConfigs configs = read("""
                Worker:
                  Type: AWS::Lambda::Function
                  Properties: {Handler: w}
                WorkerAsync:
                  Type: AWS::Lambda::EventInvokeConfig
                  Properties:
                    FunctionName: !Ref Worker
                    Qualifier: "$LATEST"
                    MaximumRetryAttempts: 2
                    DestinationConfig:
                      OnSuccess: {Destination: !GetAtt Done.Arn}
                      OnFailure: {Destination: !Ref Alarms}
                Done: {Type: AWS::SQS::Queue}
                Alarms: {Type: AWS::SNS::Topic}
                """);
        EventInvokeConfig config = configs.of("Worker", Optional.empty());
        assertThat(config.onSuccess()).hasValue(new EventInvokeConfig.Destination("SQS", "Done"));
        assertThat(config.onFailure()).hasValue(new EventInvokeConfig.Destination("SNS", "Alarms"));
        assertThat(config.onFailure().orElseThrow().queue())
                .as("only SQS is delivered locally")
                .isEmpty();
    }

    @Test
    void a_functions_dead_letter_queue_applies_to_every_qualifier() {
        EventInvokeConfigs configs = read("""
                F:
                  Type: AWS::Serverless::Function
                  Properties:
                    Handler: f
                    DeadLetterQueue: {Type: SQS, TargetArn: !GetAtt Dlq.Arn}
                Dlq: {Type: AWS::SQS::Queue}
                """);
        assertThat(configs.of("F", Optional.of("live")).deadLetterQueue())
                .hasValue(new EventInvokeConfig.Destination("SQS", "Dlq"));
        assertThat(configs.of("F", Optional.empty()).deadLetterQueue())
                .hasValue(new EventInvokeConfig.Destination("SQS", "Dlq"));
    }

    @Test
    void values_cloudformation_would_refuse_are_refused_with_the_resource_named() {
        assertThatThrownBy(() -> read("""
                F:
                  Type: AWS::Serverless::Function
                  Properties: {Handler: f, EventInvokeConfig: {MaximumRetryAttempts: 3}}
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("F's EventInvokeConfig")
                .hasMessageContaining("0-2");
        assertThatThrownBy(() -> read("""
                F:
                  Type: AWS::Serverless::Function
                  Properties: {Handler: f, EventInvokeConfig: {MaximumEventAgeInSeconds: 30}}
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("60-21600");
        assertThatThrownBy(() -> read("""
                F:
                  Type: AWS::Serverless::Function
                  Properties: {Handler: f, EventInvokeConfig: {DestinationConfig: {OnFailure: {Type: Lambda}}}}
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Destination is required if Type is not SQS or SNS");
        assertThatThrownBy(() -> read("""
                F:
                  Type: AWS::Serverless::Function
                  Properties: {Handler: f, EventInvokeConfig: {DestinationConfig: {OnFailure: {Type: S3, Destination: arn:aws:s3:::b}}}}
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be one of [SQS, SNS, EventBridge, Lambda]");
    }

    @Test
    void an_sqs_destination_without_its_arn_is_the_queue_sam_creates_for_it() {
        EventInvokeConfigs configs = read("""
                F:
                  Type: AWS::Serverless::Function
                  Properties: {Handler: f, EventInvokeConfig: {DestinationConfig: {OnFailure: {Type: SQS}, OnSuccess: {Type: SNS}}}}
                """);
        assertThat(configs.of("F", Optional.empty()).onFailure())
                .hasValue(new EventInvokeConfig.Destination("SQS", "FEventInvokeConfigOnFailureQueue"));
        assertThat(configs.of("F", Optional.empty()).onSuccess())
                .hasValue(new EventInvokeConfig.Destination("SNS", "FEventInvokeConfigOnSuccessTopic"));
        assertThat(configs.implicitQueues()).containsExactly("FEventInvokeConfigOnFailureQueue");
    }

    @Test
    void the_bundled_template_reads() {
        EventInvokeConfigs configs = EventInvokeConfigs.from(SamTemplate.bundled());
        configs.declared()
                .values()
                .forEach(config ->
                        config.onFailure().ifPresent(d -> assertThat(d.queue()).isPresent()));
    }
}
