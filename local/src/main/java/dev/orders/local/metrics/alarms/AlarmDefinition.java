package dev.orders.local.metrics.alarms;

import dev.orders.local.metrics.MetricDataQueries;
import dev.orders.local.metrics.MetricId;
import dev.orders.local.metrics.Statistic;
import dev.orders.local.metrics.Unit;
import java.util.List;
import java.util.Optional;

/**
 * A metric alarm as CloudWatch describes it: either one metric with a statistic, or {@code Metrics} (a
 * MetricDataQuery list whose one ReturnData query is the alarmed series), with the evaluation settings.
 */
public record AlarmDefinition(
        String name,
        String arn,
        Optional<String> description,
        Optional<MetricId> metric,
        Optional<Statistic> statistic,
        int periodSeconds,
        Optional<Unit> unit,
        List<MetricDataQueries.Query> metrics,
        int evaluationPeriods,
        Optional<Integer> datapointsToAlarm,
        double threshold,
        Comparison comparison,
        TreatMissingData treatMissingData,
        Optional<String> evaluateLowSampleCountPercentile,
        boolean actionsEnabled,
        List<String> okActions,
        List<String> alarmActions,
        List<String> insufficientDataActions) {

    public AlarmDefinition {
        if (metric.isPresent() == !metrics.isEmpty()) {
            throw new IllegalArgumentException(
                    "alarm " + name + " needs either MetricName with a statistic or Metrics, not both");
        }
        if (metric.isPresent() && statistic.isEmpty()) {
            throw new IllegalArgumentException("alarm " + name + " needs Statistic or ExtendedStatistic");
        }
        if (evaluationPeriods < 1) {
            throw new IllegalArgumentException("alarm " + name + ": EvaluationPeriods must be at least 1");
        }
        if (datapointsToAlarm.isPresent()
                && (datapointsToAlarm.get() < 1 || datapointsToAlarm.get() > evaluationPeriods)) {
            throw new IllegalArgumentException(
                    "alarm " + name + ": DatapointsToAlarm must be from 1 to EvaluationPeriods");
        }
        if ((long) evaluationPeriods * periodSeconds > 86_400) {
            throw new IllegalArgumentException("alarm " + name + ": EvaluationPeriods × Period may not exceed one day");
        }
        if (!metrics.isEmpty()
                && metrics.stream().filter(MetricDataQueries.Query::returnData).count() != 1) {
            throw new IllegalArgumentException(
                    "alarm " + name + ": exactly one of its Metrics must have ReturnData true");
        }
        okActions = List.copyOf(okActions);
        alarmActions = List.copyOf(alarmActions);
        insufficientDataActions = List.copyOf(insufficientDataActions);
        metrics = List.copyOf(metrics);
    }

    /** M of "M out of N": DatapointsToAlarm, or EvaluationPeriods when it is not set. */
    public int m() {
        return datapointsToAlarm.orElse(evaluationPeriods);
    }

    public List<String> actionsFor(AlarmState state) {
        return switch (state) {
            case OK -> okActions;
            case ALARM -> alarmActions;
            case INSUFFICIENT_DATA -> insufficientDataActions;
        };
    }
}
