package dev.orders.local.metrics.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.local.metrics.Dimensions;
import dev.orders.local.metrics.MetricId;
import dev.orders.local.metrics.Statistic;
import dev.orders.local.template.LocalNames;
import dev.orders.local.template.SamTemplate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The template's alarms as the local runtime reads them: every one, with its references resolved to local names. */
class TemplateAlarmsTest {

    static final SamTemplate TEMPLATE = SamTemplate.bundled();

    static AlarmDefinition alarm(List<AlarmDefinition> alarms, String name) {
        return alarms.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void every_alarm_of_the_template_is_evaluated_locally() {
        long inTemplate = TEMPLATE.resources().values().stream()
                .filter(r -> "AWS::CloudWatch::Alarm".equals(r.get("Type")))
                .count();
        assertThat(TemplateAlarms.load(new LocalNames(TEMPLATE, Map.of()))).hasSize((int) inTemplate);
    }

    @Test
    void dimensions_resolve_to_the_names_the_runtime_records_under() {
        List<AlarmDefinition> alarms = TemplateAlarms.load(new LocalNames(TEMPLATE, Map.of()));
        AlarmDefinition p95 = alarm(alarms, "OrderApiP95DurationAlarm");
        assertThat(p95.metric())
                .contains(new MetricId(
                        "AWS/Lambda",
                        "Duration",
                        Dimensions.of("FunctionName", "OrderApiFunction", "Resource", "OrderApiFunction:live")));
        assertThat(p95.statistic()).contains(Statistic.parse("p95"));
        assertThat(p95.datapointsToAlarm()).contains(2);
        assertThat(p95.evaluationPeriods()).isEqualTo(3);
        assertThat(p95.treatMissingData()).isEqualTo(TreatMissingData.notBreaching);
        assertThat(alarm(alarms, "Api5xxAlarm").metric().orElseThrow().dimensions())
                .isEqualTo(Dimensions.of("ApiId", "OrdersHttpApi", "Stage", "live"));
        assertThat(alarm(alarms, "PaymentEventsDlqDepthAlarm")
                        .metric()
                        .orElseThrow()
                        .dimensions())
                .isEqualTo(Dimensions.of("QueueName", "PaymentEventsDlq"));
        assertThat(alarm(alarms, "AccountConcurrencyAlarm")
                        .metric()
                        .orElseThrow()
                        .dimensions())
                .isEqualTo(Dimensions.NONE);
        assertThat(alarm(alarms, "NotificationsConcurrencyAlarm").periodSeconds())
                .isEqualTo(300);
        assertThat(p95.alarmActions()).containsExactly("arn:aws:sns:us-east-1:000000000000:AlarmTopic");
        assertThat(p95.arn()).isEqualTo("arn:aws:cloudwatch:us-east-1:000000000000:alarm:OrderApiP95DurationAlarm");
    }

    @Test
    void an_error_rate_alarm_on_metric_math_is_read_with_its_queries() {
        SamTemplate withMath = SamTemplate.parse("""
                Resources:
                  ErrorRate:
                    Type: AWS::CloudWatch::Alarm
                    Properties:
                      EvaluationPeriods: 2
                      Threshold: 5
                      ComparisonOperator: GreaterThanThreshold
                      Metrics:
                        - Id: rate
                          Expression: IF(calls > 0, 100 * errors / calls, 0)
                          Label: error rate (%)
                        - Id: errors
                          ReturnData: false
                          MetricStat:
                            Metric: {Namespace: AWS/Lambda, MetricName: Errors, Dimensions: [{Name: FunctionName, Value: F}]}
                            Period: 60
                            Stat: Sum
                        - Id: calls
                          ReturnData: false
                          MetricStat:
                            Metric: {Namespace: AWS/Lambda, MetricName: Invocations, Dimensions: [{Name: FunctionName, Value: F}]}
                            Period: 60
                            Stat: Sum
                """);
        AlarmDefinition rate =
                TemplateAlarms.load(new LocalNames(withMath, Map.of())).getFirst();
        assertThat(rate.metric()).isEmpty();
        assertThat(rate.metrics()).hasSize(3);
        assertThat(rate.periodSeconds()).isEqualTo(60);
        assertThat(rate.treatMissingData()).isEqualTo(TreatMissingData.missing);
        assertThat(rate.datapointsToAlarm()).isEqualTo(Optional.empty());
    }

    @Test
    void the_alarm_topics_mail_subscription_exists_only_when_alarm_email_is_set() {
        assertThat(new SnsEmailAction(new LocalNames(TEMPLATE, Map.of()), java.nio.file.Path.of("unused"))
                        .emailsOf("arn:aws:sns:us-east-1:000000000000:AlarmTopic"))
                .isEmpty();
        assertThat(new SnsEmailAction(
                                new LocalNames(TEMPLATE, Map.of("AlarmEmail", "ops@example.com")),
                                java.nio.file.Path.of("unused"))
                        .emailsOf("arn:aws:sns:us-east-1:000000000000:AlarmTopic"))
                .containsExactly("ops@example.com");
    }
}
