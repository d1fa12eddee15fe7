package dev.orders.local.metrics.alarms;

import static dev.orders.local.template.SamTemplate.listOf;
import static dev.orders.local.template.SamTemplate.mapOf;

import dev.orders.local.metrics.Dimensions;
import dev.orders.local.metrics.MetricDataQueries;
import dev.orders.local.metrics.MetricId;
import dev.orders.local.metrics.Statistic;
import dev.orders.local.metrics.Unit;
import dev.orders.local.template.LocalNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code AWS::CloudWatch::Alarm} of the template, its intrinsic functions resolved as the local runtime
 * names things ({@link LocalNames}): a dimension {@code !Ref OrderApiFunction} is {@code OrderApiFunction},
 * {@code !Sub "${OrderApiFunction}:live"} is {@code OrderApiFunction:live}, {@code !GetAtt Dlq.QueueName} is
 * {@code Dlq}; the alarm's name is its AlarmName or, as CloudFormation would generate one, its logical id.
 */
public final class TemplateAlarms {

    private static final Logger LOG = LoggerFactory.getLogger(TemplateAlarms.class);

    private TemplateAlarms() {}

    public static List<AlarmDefinition> load(LocalNames names) {
        List<AlarmDefinition> alarms = new ArrayList<>();
        names.template().resources().forEach((id, resource) -> {
            if ("AWS::CloudWatch::Alarm".equals(resource.get("Type")) && names.exists(id)) {
                try {
                    alarms.add(definition(names, id));
                } catch (IllegalArgumentException unsupported) {
                    LOG.warn("alarm {} is not evaluated locally: {}", id, unsupported.getMessage());
                }
            }
        });
        return alarms;
    }

    public static AlarmDefinition definition(LocalNames names, String logicalId) {
        Map<String, Object> p = mapOf(names.resolve(names.template().properties(logicalId)));
        String name = Optional.ofNullable((Object) p.get("AlarmName"))
                .map(String::valueOf)
                .orElse(logicalId);
        if (p.containsKey("ThresholdMetricId")) {
            throw new IllegalArgumentException("ThresholdMetricId (anomaly detection bands) is not modelled locally");
        }
        List<MetricDataQueries.Query> metrics = new ArrayList<>();
        for (Object q : listOf(p.get("Metrics"))) {
            metrics.add(query(mapOf(q)));
        }
        Optional<MetricId> metric = Optional.empty();
        Optional<Statistic> statistic = Optional.empty();
        int period;
        if (metrics.isEmpty()) {
            metric = Optional.of(
                    new MetricId(text(p, "Namespace"), text(p, "MetricName"), dimensions(p.get("Dimensions"))));
            statistic = Optional.of(Statistic.parse(
                    p.containsKey("ExtendedStatistic") ? text(p, "ExtendedStatistic") : text(p, "Statistic")));
            period = integer(p, "Period").orElseThrow(() -> new IllegalArgumentException(logicalId + " has no Period"));
        } else {
            period = metrics.stream()
                    .flatMap(m -> m.metricStat().stream())
                    .mapToInt(MetricDataQueries.MetricStat::periodSeconds)
                    .max()
                    .orElseThrow(() -> new IllegalArgumentException(logicalId + "'s Metrics have no MetricStat"));
        }
        return new AlarmDefinition(
                name,
                names.getAtt(logicalId, "Arn"),
                Optional.ofNullable(p.get("AlarmDescription")).map(String::valueOf),
                metric,
                statistic,
                period,
                Optional.ofNullable(p.get("Unit")).map(u -> unit(String.valueOf(u))),
                metrics,
                integer(p, "EvaluationPeriods")
                        .orElseThrow(() -> new IllegalArgumentException(logicalId + " has no EvaluationPeriods")),
                integer(p, "DatapointsToAlarm"),
                number(p, "Threshold").orElseThrow(() -> new IllegalArgumentException(logicalId + " has no Threshold")),
                Comparison.parse(text(p, "ComparisonOperator")),
                TreatMissingData.parse((String) p.get("TreatMissingData")),
                Optional.ofNullable(p.get("EvaluateLowSampleCountPercentile")).map(String::valueOf),
                !"false".equalsIgnoreCase(String.valueOf(p.getOrDefault("ActionsEnabled", "true"))),
                strings(p.get("OKActions")),
                strings(p.get("AlarmActions")),
                strings(p.get("InsufficientDataActions")));
    }

    private static MetricDataQueries.Query query(Map<String, Object> q) {
        Optional<MetricDataQueries.MetricStat> stat = Optional.empty();
        if (q.containsKey("MetricStat")) {
            Map<String, Object> s = mapOf(q.get("MetricStat"));
            Map<String, Object> m = mapOf(s.get("Metric"));
            stat = Optional.of(new MetricDataQueries.MetricStat(
                    new MetricId(text(m, "Namespace"), text(m, "MetricName"), dimensions(m.get("Dimensions"))),
                    integer(s, "Period").orElseThrow(() -> new IllegalArgumentException("a MetricStat has no Period")),
                    Statistic.parse(text(s, "Stat")),
                    Optional.ofNullable(s.get("Unit")).map(u -> unit(String.valueOf(u)))));
        }
        return new MetricDataQueries.Query(
                text(q, "Id"),
                stat,
                Optional.ofNullable(q.get("Expression")).map(String::valueOf),
                Optional.ofNullable(q.get("Label")).map(String::valueOf),
                !"false".equalsIgnoreCase(String.valueOf(q.getOrDefault("ReturnData", "true"))),
                integer(q, "Period"));
    }

    static Dimensions dimensions(Object list) {
        List<Dimensions.Dimension> dimensions = new ArrayList<>();
        for (Object d : listOf(list)) {
            Map<String, Object> dimension = mapOf(d);
            dimensions.add(new Dimensions.Dimension(text(dimension, "Name"), text(dimension, "Value")));
        }
        return new Dimensions(dimensions);
    }

    private static Unit unit(String text) {
        return Unit.parse(text)
                .orElseThrow(() -> new IllegalArgumentException("Unit " + text + " is not a CloudWatch unit"));
    }

    private static String text(Map<String, Object> p, String key) {
        Object v = p.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        return String.valueOf(v);
    }

    private static Optional<Integer> integer(Map<String, Object> p, String key) {
        Object v = p.get(key);
        return v == null ? Optional.empty() : Optional.of(new java.math.BigDecimal(String.valueOf(v)).intValueExact());
    }

    private static Optional<Double> number(Map<String, Object> p, String key) {
        Object v = p.get(key);
        return v == null ? Optional.empty() : Optional.of(Double.parseDouble(String.valueOf(v)));
    }

    private static List<String> strings(Object list) {
        return listOf(list).stream().filter(v -> v != null).map(String::valueOf).toList();
    }
}
