package dev.orders.local.metrics.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.functions.shared.Json;
import dev.orders.local.metrics.MetricId;
import dev.orders.local.metrics.Statistic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tables of "Using Amazon CloudWatch alarms" → "How alarm state is evaluated when data is missing": the evaluation
 * range is 5, "0" a datapoint within the threshold, "X" a breaching one, "-" a missing one, most recent on the right.
 */
class AlarmEvaluationTest {

    static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    static AlarmDefinition alarm(int n, Optional<Integer> m, TreatMissingData treat) {
        return new AlarmDefinition(
                "Errors",
                "arn:aws:cloudwatch:us-east-1:000000000000:alarm:Errors",
                Optional.empty(),
                Optional.of(MetricId.of("AWS/Lambda", "Errors", "FunctionName", "F")),
                Optional.of(Statistic.Basic.Sum),
                300,
                Optional.empty(),
                List.of(),
                n,
                m,
                1.0,
                Comparison.GreaterThanOrEqualToThreshold,
                treat,
                Optional.empty(),
                true,
                List.of(),
                List.of(),
                List.of());
    }

    static List<AlarmEvaluation.Datapoint> points(String pattern) {
        List<AlarmEvaluation.Datapoint> points = new ArrayList<>();
        String[] items = pattern.trim().split("\\s+");
        for (int i = 0; i < items.length; i++) {
            Instant at = T0.plusSeconds(300L * i);
            points.add(
                    switch (items[i]) {
                        case "0" -> AlarmEvaluation.Datapoint.of(at, 0, 1);
                        case "X" -> AlarmEvaluation.Datapoint.of(at, 5, 5);
                        default -> AlarmEvaluation.Datapoint.missing(at);
                    });
        }
        return points;
    }

    /** "RETAIN" is the table's "Retain current state". */
    static String outcome(AlarmDefinition alarm, String pattern) {
        return switch (AlarmEvaluation.evaluate(alarm, points(pattern), T0.plusSeconds(1500))) {
            case AlarmEvaluation.Decision.Set set -> set.state().name();
            case AlarmEvaluation.Decision.Retain retain -> "RETAIN";
        };
    }

    @ParameterizedTest(name = "3 of 3: {0} → missing {1}, ignore {2}, breaching {3}, notBreaching {4}")
    @CsvSource(delimiter = '|', textBlock = """
            0 - X - X | OK                | OK     | OK    | OK
            0 - - - - | OK                | OK     | OK    | OK
            - - - - - | INSUFFICIENT_DATA | RETAIN | ALARM | OK
            0 X X - X | ALARM             | ALARM  | ALARM | ALARM
            - - X - - | ALARM             | RETAIN | ALARM | OK
            """)
    void the_first_table_datapoints_to_alarm_and_evaluation_periods_both_3(
            String pattern, String missing, String ignore, String breaching, String notBreaching) {
        Optional<Integer> m = Optional.of(3);
        assertThat(outcome(alarm(3, m, TreatMissingData.missing), pattern)).isEqualTo(missing);
        assertThat(outcome(alarm(3, m, TreatMissingData.ignore), pattern)).isEqualTo(ignore);
        assertThat(outcome(alarm(3, m, TreatMissingData.breaching), pattern)).isEqualTo(breaching);
        assertThat(outcome(alarm(3, m, TreatMissingData.notBreaching), pattern)).isEqualTo(notBreaching);
    }

    @ParameterizedTest(name = "2 of 3: {0} → missing {1}, ignore {2}, breaching {3}, notBreaching {4}")
    @CsvSource(delimiter = '|', textBlock = """
            0 - X - X | ALARM | ALARM  | ALARM | ALARM
            0 0 X 0 X | ALARM | ALARM  | ALARM | ALARM
            0 - X - - | OK    | OK     | ALARM | OK
            - - - - 0 | OK    | OK     | ALARM | OK
            - - - X - | ALARM | RETAIN | ALARM | OK
            """)
    void the_second_table_an_m_out_of_n_alarm_2_of_3(
            String pattern, String missing, String ignore, String breaching, String notBreaching) {
        Optional<Integer> m = Optional.of(2);
        assertThat(outcome(alarm(3, m, TreatMissingData.missing), pattern)).isEqualTo(missing);
        assertThat(outcome(alarm(3, m, TreatMissingData.ignore), pattern)).isEqualTo(ignore);
        assertThat(outcome(alarm(3, m, TreatMissingData.breaching), pattern)).isEqualTo(breaching);
        assertThat(outcome(alarm(3, m, TreatMissingData.notBreaching), pattern)).isEqualTo(notBreaching);
    }

    @ParameterizedTest(name = "premature alarm state, 3 of 3, missing: {0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            - - - - X | INSUFFICIENT_DATA
            - - - X - | INSUFFICIENT_DATA
            - - X - - | ALARM
            - - - X 0 | OK
            - - X - 0 | OK
            """)
    void a_lone_breaching_datapoint_alarms_only_once_it_is_at_least_m_periods_old(String pattern, String state) {
        assertThat(outcome(alarm(3, Optional.of(3), TreatMissingData.missing), pattern))
                .isEqualTo(state);
    }

    @Test
    void an_m_out_of_n_alarm_needs_m_breaching_datapoints_not_consecutive_ones() {
        AlarmDefinition fourOfFive = alarm(5, Optional.of(4), TreatMissingData.missing);
        assertThat(outcome(fourOfFive, "X X 0 X X X X")).isEqualTo("ALARM");
        assertThat(outcome(fourOfFive, "X X X 0 0 X X")).isEqualTo("OK");
    }

    @Test
    void the_reason_is_written_as_cloudwatch_writes_it() {
        var set = (AlarmEvaluation.Decision.Set) AlarmEvaluation.evaluate(
                alarm(3, Optional.of(2), TreatMissingData.missing), points("0 0 X 0 X"), T0.plusSeconds(1530));
        assertThat(set.reason())
                .isEqualTo(
                        "Threshold Crossed: 2 out of the last 3 datapoints [5.0 (30/11/26 10:20:00), 5.0 (30/11/26 10:10:00)] "
                                + "were greater than or equal to the threshold (1.0) (minimum 2 datapoints for OK -> ALARM transition).");
        var ok = (AlarmEvaluation.Decision.Set) AlarmEvaluation.evaluate(
                alarm(1, Optional.of(1), TreatMissingData.missing), points("X 0"), T0.plusSeconds(600));
        assertThat(ok.reason())
                .isEqualTo(
                        "Threshold Crossed: 1 out of the last 1 datapoints [0.0 (30/11/26 10:05:00)] was not greater than "
                                + "or equal to the threshold (1.0) (minimum 1 datapoint for ALARM -> OK transition).");
    }

    @Test
    void without_datapoints_to_alarm_the_reason_has_the_short_form() {
        var set = (AlarmEvaluation.Decision.Set) AlarmEvaluation.evaluate(
                alarm(1, Optional.empty(), TreatMissingData.missing), points("- X"), T0.plusSeconds(600));
        assertThat(set.reason())
                .isEqualTo(
                        "Threshold Crossed: 1 datapoint [5.0 (30/11/26 10:05:00)] was greater than or equal to the threshold (1.0).");
    }

    @Test
    void missing_data_treated_as_not_breaching_says_so() throws Exception {
        var set = (AlarmEvaluation.Decision.Set) AlarmEvaluation.evaluate(
                alarm(1, Optional.empty(), TreatMissingData.notBreaching), points("- - -"), T0.plusSeconds(900));
        assertThat(set.state()).isEqualTo(AlarmState.OK);
        assertThat(set.reason())
                .isEqualTo(
                        "Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [NonBreaching].");
        var data = Json.internal().readTree(set.reasonData());
        assertThat(data.get("recentDatapoints")).isEmpty();
        assertThat(data.get("statistic").asText()).isEqualTo("Sum");
        assertThat(data.has("evaluatedDatapoints")).isFalse();
    }

    @Test
    void insufficient_data_counts_the_unknown_datapoints() throws Exception {
        var set = (AlarmEvaluation.Decision.Set) AlarmEvaluation.evaluate(
                alarm(3, Optional.empty(), TreatMissingData.missing), points("- - - - -"), T0.plusSeconds(1500));
        assertThat(set.reason()).isEqualTo("Insufficient Data: 3 datapoints were unknown.");
        assertThat(Json.internal().readTree(set.reasonData()).get("evaluatedDatapoints"))
                .hasSize(3);
    }

    @Test
    void the_reason_data_lists_the_evaluated_datapoints_as_cloudwatch_does() throws Exception {
        var set = (AlarmEvaluation.Decision.Set) AlarmEvaluation.evaluate(
                alarm(1, Optional.of(1), TreatMissingData.notBreaching),
                points("- X"),
                Instant.parse("2026-11-30T10:10:30.250Z"));
        var data = Json.internal().readTree(set.reasonData());
        assertThat(data.get("version").asText()).isEqualTo("1.0");
        assertThat(data.get("queryDate").asText()).isEqualTo("2026-11-30T10:10:30.250+0000");
        assertThat(data.get("startDate").asText()).isEqualTo("2026-11-30T10:05:00.000+0000");
        assertThat(data.get("period").asInt()).isEqualTo(300);
        assertThat(data.get("threshold").asDouble()).isEqualTo(1.0);
        assertThat(data.get("recentDatapoints").get(0).asDouble()).isEqualTo(5.0);
        assertThat(data.get("evaluatedDatapoints").get(0).get("sampleCount").asDouble())
                .isEqualTo(5.0);
    }

    @Test
    void a_percentile_alarm_with_too_few_samples_keeps_its_state_when_told_to_ignore_them() {
        AlarmDefinition p99 = new AlarmDefinition(
                "p99",
                "arn",
                Optional.empty(),
                Optional.of(MetricId.of("AWS/Lambda", "Duration")),
                Optional.of(Statistic.parse("p99")),
                60,
                Optional.empty(),
                List.of(),
                1,
                Optional.empty(),
                100,
                Comparison.GreaterThanThreshold,
                TreatMissingData.missing,
                Optional.of("ignore"),
                true,
                List.of(),
                List.of(),
                List.of());
        List<AlarmEvaluation.Datapoint> few = List.of(AlarmEvaluation.Datapoint.of(T0, 500, 999));
        assertThat(AlarmEvaluation.evaluate(p99, few, T0.plusSeconds(60)))
                .isInstanceOf(AlarmEvaluation.Decision.Retain.class);
        List<AlarmEvaluation.Datapoint> enough = List.of(AlarmEvaluation.Datapoint.of(T0, 500, 1000));
        assertThat(((AlarmEvaluation.Decision.Set) AlarmEvaluation.evaluate(p99, enough, T0.plusSeconds(60))).state())
                .isEqualTo(AlarmState.ALARM);
    }
}
