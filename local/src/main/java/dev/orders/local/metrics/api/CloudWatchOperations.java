package dev.orders.local.metrics.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.local.metrics.Dimensions;
import dev.orders.local.metrics.MetricDataQueries;
import dev.orders.local.metrics.MetricId;
import dev.orders.local.metrics.MetricsRecorder;
import dev.orders.local.metrics.MetricsStore;
import dev.orders.local.metrics.Statistic;
import dev.orders.local.metrics.Unit;
import dev.orders.local.metrics.alarms.AlarmDefinition;
import dev.orders.local.metrics.alarms.AlarmHistoryItem;
import dev.orders.local.metrics.alarms.AlarmState;
import dev.orders.local.metrics.alarms.AlarmStatus;
import dev.orders.local.metrics.alarms.Alarms;
import dev.orders.local.metrics.math.MathException;
import dev.orders.local.time.TimeScale;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CloudWatch operations served locally, on a request already read into a tree: DescribeAlarms,
 * DescribeAlarmHistory, GetMetricData, ListMetrics, PutMetricData, SetAlarmState. Member names, defaults,
 * limits and error codes are those of CloudWatch's API reference; timestamps are the platform's (scaled) time.
 */
final class CloudWatchOperations {

    private final MetricsStore store;
    private final MetricDataQueries queries;
    private final Alarms alarms;
    private final TimeScale time;

    CloudWatchOperations(MetricsStore store, Alarms alarms, TimeScale time) {
        this.store = store;
        this.queries = new MetricDataQueries(store);
        this.alarms = alarms;
        this.time = time;
    }

    Out.Struct handle(String operation, JsonNode in) {
        try {
            return switch (operation) {
                case "DescribeAlarms" -> describeAlarms(in);
                case "DescribeAlarmHistory" -> describeAlarmHistory(in);
                case "GetMetricData" -> getMetricData(in);
                case "ListMetrics" -> listMetrics(in);
                case "PutMetricData" -> putMetricData(in);
                case "SetAlarmState" -> setAlarmState(in);
                default -> throw CloudWatchError.unknownOperation(operation);
            };
        } catch (MathException | IllegalArgumentException invalid) {
            throw CloudWatchError.invalidValue(invalid.getMessage());
        }
    }

    // ------------------------------------------------------------------ alarms

    private Out.Struct describeAlarms(JsonNode in) {
        List<String> names = In.strings(in, "AlarmNames");
        Optional<String> prefix = In.text(in, "AlarmNamePrefix");
        if (!names.isEmpty() && prefix.isPresent()) {
            throw CloudWatchError.combination("AlarmNames and AlarmNamePrefix cannot be used together.");
        }
        if (names.size() > 100) {
            throw CloudWatchError.invalidValue("The parameter AlarmNames holds at most 100 names.");
        }
        Optional<AlarmState> state = In.text(in, "StateValue").map(s -> enumValue(AlarmState.class, s, "StateValue"));
        Optional<String> actionPrefix = In.text(in, "ActionPrefix");
        List<String> types = In.strings(in, "AlarmTypes");
        int max = In.integer(in, "MaxRecords", "MaxRecords").orElse(50);
        if (max < 1 || max > 100) {
            throw CloudWatchError.invalidValue(
                    "The value " + max + " for parameter MaxRecords is not in the range 1 to 100.");
        }
        boolean composites = In.text(in, "ChildrenOfAlarmName").isPresent()
                || In.text(in, "ParentsOfAlarmName").isPresent();
        boolean metricAlarms = !composites && (types.isEmpty() || types.contains("MetricAlarm"));
        List<AlarmDefinition> matching = new ArrayList<>();
        if (metricAlarms) {
            for (AlarmDefinition a : alarms.definitions().stream()
                    .sorted(java.util.Comparator.comparing(AlarmDefinition::name))
                    .toList()) {
                AlarmStatus status = alarms.status(a.name());
                if ((names.isEmpty() || names.contains(a.name()))
                        && prefix.map(a.name()::startsWith).orElse(true)
                        && state.map(s -> s == status.state()).orElse(true)
                        && actionPrefix
                                .map(p -> allActions(a).stream().anyMatch(x -> x.startsWith(p)))
                                .orElse(true)) {
                    matching.add(a);
                }
            }
        }
        int offset = offset(in);
        List<Out> page = new ArrayList<>();
        for (int i = offset; i < Math.min(matching.size(), offset + max); i++) {
            page.add(metricAlarm(matching.get(i), alarms.status(matching.get(i).name())));
        }
        Out.Struct result = new Out.Struct()
                .put("CompositeAlarms", new Out.Items(List.of()))
                .put("MetricAlarms", new Out.Items(page));
        if (offset + max < matching.size()) {
            result.put("NextToken", token(offset + max));
        }
        return result;
    }

    private static List<String> allActions(AlarmDefinition a) {
        List<String> all = new ArrayList<>(a.alarmActions());
        all.addAll(a.okActions());
        all.addAll(a.insufficientDataActions());
        return all;
    }

    static Out.Struct metricAlarm(AlarmDefinition a, AlarmStatus s) {
        Out.Struct alarm = new Out.Struct()
                .put("AlarmName", a.name())
                .put("AlarmArn", a.arn())
                .put("AlarmDescription", a.description().orElse(null))
                .put("AlarmConfigurationUpdatedTimestamp", s.configurationUpdated())
                .put("ActionsEnabled", a.actionsEnabled())
                .put("OKActions", Out.strings(a.okActions()))
                .put("AlarmActions", Out.strings(a.alarmActions()))
                .put("InsufficientDataActions", Out.strings(a.insufficientDataActions()))
                .put("StateValue", s.state().name())
                .put("StateReason", s.reason())
                .put("StateReasonData", s.reasonData())
                .put("StateUpdatedTimestamp", s.updated());
        a.metric().ifPresent(m -> {
            alarm.put("MetricName", m.name()).put("Namespace", m.namespace());
            Statistic stat = a.statistic().orElseThrow();
            alarm.put(stat instanceof Statistic.Percentile ? "ExtendedStatistic" : "Statistic", stat.name());
        });
        alarm.put("Dimensions", dimensions(a.metric().map(MetricId::dimensions).orElse(Dimensions.NONE)));
        if (a.metric().isPresent()) {
            alarm.put("Period", a.periodSeconds());
        }
        a.unit().ifPresent(u -> alarm.put("Unit", u.wireName()));
        alarm.put("EvaluationPeriods", a.evaluationPeriods());
        a.datapointsToAlarm().ifPresent(d -> alarm.put("DatapointsToAlarm", d));
        alarm.put("Threshold", a.threshold())
                .put("ComparisonOperator", a.comparison().name())
                .put("TreatMissingData", a.treatMissingData().name());
        a.evaluateLowSampleCountPercentile().ifPresent(e -> alarm.put("EvaluateLowSampleCountPercentile", e));
        if (!a.metrics().isEmpty()) {
            alarm.put(
                    "Metrics",
                    new Out.Items(a.metrics().stream().map(q -> (Out) query(q)).toList()));
        }
        alarm.put("StateTransitionedTimestamp", s.transitioned());
        return alarm;
    }

    private static Out.Struct query(MetricDataQueries.Query q) {
        Out.Struct out = new Out.Struct().put("Id", q.id());
        q.metricStat().ifPresent(s -> {
            Out.Struct stat = new Out.Struct()
                    .put("Metric", metric(s.metric()))
                    .put("Period", s.periodSeconds())
                    .put("Stat", s.statistic().name());
            s.unit().ifPresent(u -> stat.put("Unit", u.wireName()));
            out.put("MetricStat", stat);
        });
        q.expression().ifPresent(e -> out.put("Expression", e));
        q.label().ifPresent(l -> out.put("Label", l));
        out.put("ReturnData", q.returnData());
        q.periodSeconds().ifPresent(p -> out.put("Period", p));
        return out;
    }

    private static Out.Struct metric(MetricId m) {
        return new Out.Struct()
                .put("Namespace", m.namespace())
                .put("MetricName", m.name())
                .put("Dimensions", dimensions(m.dimensions()));
    }

    private static Out.Items dimensions(Dimensions dimensions) {
        return new Out.Items(dimensions.list().stream()
                .map(d -> (Out) new Out.Struct().put("Name", d.name()).put("Value", d.value()))
                .toList());
    }

    private Out.Struct describeAlarmHistory(JsonNode in) {
        Optional<String> name = In.text(in, "AlarmName");
        Optional<String> type = In.text(in, "HistoryItemType");
        type.ifPresent(t -> {
            if (!List.of("ConfigurationUpdate", "StateUpdate", "Action").contains(t)) {
                throw CloudWatchError.invalidValue("The value " + t
                        + " for parameter HistoryItemType is not ConfigurationUpdate, StateUpdate or Action.");
            }
        });
        List<String> types = In.strings(in, "AlarmTypes");
        Instant from = In.time(in, "StartDate", "StartDate").orElse(Instant.EPOCH);
        Instant to = In.time(in, "EndDate", "EndDate").orElse(Instant.parse("9999-12-31T23:59:59Z"));
        int max = In.integer(in, "MaxRecords", "MaxRecords").orElse(100);
        if (max < 1 || max > 100) {
            throw CloudWatchError.invalidValue(
                    "The value " + max + " for parameter MaxRecords is not in the range 1 to 100.");
        }
        boolean ascending = In.text(in, "ScanBy")
                .map(s -> {
                    if (!s.equals("TimestampAscending") && !s.equals("TimestampDescending")) {
                        throw CloudWatchError.invalidValue("The value " + s
                                + " for parameter ScanBy is not TimestampDescending or TimestampAscending.");
                    }
                    return s.equals("TimestampAscending");
                })
                .orElse(false);
        int offset = offset(in);
        List<AlarmHistoryItem> items = !types.isEmpty() && !types.contains("MetricAlarm")
                ? List.of()
                : alarms.history(name, type, from, to, ascending, offset, max + 1);
        List<Out> out = new ArrayList<>();
        for (AlarmHistoryItem item : items.subList(0, Math.min(max, items.size()))) {
            out.add(new Out.Struct()
                    .put("AlarmName", item.alarmName())
                    .put("AlarmType", "MetricAlarm")
                    .put("Timestamp", item.timestamp())
                    .put("HistoryItemType", item.type())
                    .put("HistorySummary", item.summary())
                    .put("HistoryData", item.data()));
        }
        Out.Struct result = new Out.Struct().put("AlarmHistoryItems", new Out.Items(out));
        if (items.size() > max) {
            result.put("NextToken", token(offset + max));
        }
        return result;
    }

    private Out.Struct setAlarmState(JsonNode in) {
        String name = In.required(in, "AlarmName", "AlarmName");
        AlarmState state = enumValue(AlarmState.class, In.required(in, "StateValue", "StateValue"), "StateValue");
        String reason = In.text(in, "StateReason").orElseThrow(() -> CloudWatchError.missing("StateReason"));
        if (reason.length() > 1023) {
            throw CloudWatchError.invalidValue("The parameter StateReason holds at most 1023 characters.");
        }
        if (alarms.definition(name).isEmpty()) {
            throw CloudWatchError.notFound("Alarm " + name + " not found");
        }
        try {
            alarms.setState(name, state, reason, In.text(in, "StateReasonData"));
        } catch (IllegalArgumentException badData) {
            throw CloudWatchError.invalidFormat("Unrecognized StateReasonData: " + badData.getMessage());
        }
        return new Out.Struct();
    }

    // ------------------------------------------------------------------ metrics

    private Out.Struct getMetricData(JsonNode in) {
        List<JsonNode> raw = In.list(in, "MetricDataQueries");
        if (raw.isEmpty()) {
            throw CloudWatchError.missing("MetricDataQueries");
        }
        Instant start = In.time(in, "StartTime", "StartTime").orElseThrow(() -> CloudWatchError.missing("StartTime"));
        Instant end = In.time(in, "EndTime", "EndTime").orElseThrow(() -> CloudWatchError.missing("EndTime"));
        if (!start.isBefore(end)) {
            throw CloudWatchError.invalidValue("The parameter StartTime must be less than the parameter EndTime.");
        }
        if (In.text(in, "NextToken").isPresent()) {
            throw CloudWatchError.invalidNextToken();
        }
        boolean ascending =
                In.text(in, "ScanBy").map("TimestampAscending"::equals).orElse(false);
        int maxDatapoints = In.integer(in, "MaxDatapoints", "MaxDatapoints").orElse(100_800);
        List<MetricDataQueries.Query> list = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            list.add(query(raw.get(i), "MetricDataQueries.member." + (i + 1)));
        }
        List<MetricDataQueries.Result> results = queries.run(list, start, end);
        List<Out> out = new ArrayList<>();
        int budget = maxDatapoints;
        for (MetricDataQueries.Result r : results) {
            List<Map.Entry<Instant, Double>> points =
                    new ArrayList<>(r.series().points().entrySet());
            if (!ascending) {
                points = points.reversed();
            }
            boolean partial = points.size() > budget;
            points = points.subList(0, Math.min(points.size(), Math.max(0, budget)));
            budget -= points.size();
            out.add(new Out.Struct()
                    .put("Id", r.id())
                    .put("Label", r.label())
                    .put(
                            "Timestamps",
                            new Out.Items(points.stream()
                                    .map(p -> (Out) new Out.Time(p.getKey()))
                                    .toList()))
                    .put(
                            "Values",
                            new Out.Items(points.stream()
                                    .map(p -> (Out) new Out.Num(p.getValue()))
                                    .toList()))
                    .put("StatusCode", partial ? "PartialData" : "Complete")
                    .put("Messages", new Out.Items(List.of())));
        }
        return new Out.Struct().put("MetricDataResults", new Out.Items(out)).put("Messages", new Out.Items(List.of()));
    }

    private static MetricDataQueries.Query query(JsonNode q, String path) {
        String id = In.required(q, "Id", path + ".Id");
        Optional<MetricDataQueries.MetricStat> stat = Optional.empty();
        JsonNode metricStat = q.get("MetricStat");
        if (metricStat != null && !metricStat.isNull()) {
            JsonNode metric = metricStat.get("Metric");
            if (metric == null || metric.isNull()) {
                throw CloudWatchError.missing(path + ".MetricStat.Metric");
            }
            int period = In.integer(metricStat, "Period", path + ".MetricStat.Period")
                    .orElseThrow(() -> CloudWatchError.missing(path + ".MetricStat.Period"));
            String statName = In.required(metricStat, "Stat", path + ".MetricStat.Stat");
            stat = Optional.of(new MetricDataQueries.MetricStat(
                    metricId(metric, path + ".MetricStat.Metric"),
                    period,
                    Statistic.parse(statName),
                    In.text(metricStat, "Unit").map(u -> unit(u, path + ".MetricStat.Unit"))));
        }
        return new MetricDataQueries.Query(
                id,
                stat,
                In.text(q, "Expression"),
                In.text(q, "Label"),
                In.bool(q, "ReturnData").orElse(true),
                In.integer(q, "Period", path + ".Period"));
    }

    private static MetricId metricId(JsonNode metric, String path) {
        return new MetricId(
                In.required(metric, "Namespace", path + ".Namespace"),
                In.required(metric, "MetricName", path + ".MetricName"),
                dimensionsOf(In.list(metric, "Dimensions"), path + ".Dimensions"));
    }

    private static Dimensions dimensionsOf(List<JsonNode> list, String path) {
        List<Dimensions.Dimension> dimensions = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = path + ".member." + (i + 1);
            dimensions.add(new Dimensions.Dimension(
                    In.required(list.get(i), "Name", at + ".Name"), In.required(list.get(i), "Value", at + ".Value")));
        }
        return new Dimensions(dimensions);
    }

    private Out.Struct listMetrics(JsonNode in) {
        Optional<String> namespace = In.text(in, "Namespace");
        Optional<String> name = In.text(in, "MetricName");
        List<JsonNode> filters = In.list(in, "Dimensions");
        if (filters.size() > 10) {
            throw CloudWatchError.invalidValue("The parameter Dimensions holds at most 10 filters.");
        }
        boolean recent = In.text(in, "RecentlyActive")
                .map(r -> {
                    if (!r.equals("PT3H")) {
                        throw CloudWatchError.invalidValue(
                                "The value " + r + " for parameter RecentlyActive is not PT3H.");
                    }
                    return true;
                })
                .orElse(false);
        List<MetricId> matching = new ArrayList<>();
        long since = MetricsStore.minuteOf(time.instant().minus(Duration.ofHours(3)));
        for (MetricId m : store.metrics()) {
            if (namespace.map(m.namespace()::equals).orElse(true)
                    && name.map(m.name()::equals).orElse(true)
                    && filters.stream().allMatch(f -> {
                        String value = m.dimensions().asMap().get(In.required(f, "Name", "Dimensions.member.Name"));
                        return value != null
                                && In.text(f, "Value").map(value::equals).orElse(true);
                    })
                    && (!recent
                            || !store.minutes(m, Optional.empty(), since, Long.MAX_VALUE)
                                    .isEmpty())) {
                matching.add(m);
            }
        }
        int offset = offset(in);
        int page = 500;
        List<Out> out =
                matching.subList(Math.min(offset, matching.size()), Math.min(matching.size(), offset + page)).stream()
                        .map(m -> (Out) metric(m))
                        .toList();
        Out.Struct result = new Out.Struct().put("Metrics", new Out.Items(out));
        if (offset + page < matching.size()) {
            result.put("NextToken", token(offset + page));
        }
        return result;
    }

    private Out.Struct putMetricData(JsonNode in) {
        String namespace = In.required(in, "Namespace", "Namespace");
        if (namespace.startsWith("AWS/") || namespace.length() > 255 || namespace.isBlank()) {
            throw CloudWatchError.invalidValue("The value " + namespace + " for parameter Namespace is invalid.");
        }
        List<JsonNode> data = In.list(in, "MetricData");
        if (data.isEmpty()) {
            throw CloudWatchError.missing("MetricData");
        }
        if (data.size() > 1000) {
            throw CloudWatchError.invalidValue("The collection MetricData must not have a size greater than 1000.");
        }
        Instant now = time.instant();
        List<Runnable> writes = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            writes.add(datum(namespace, data.get(i), "MetricData.member." + (i + 1), now));
        }
        writes.forEach(Runnable::run); // all or nothing: every datum was checked first
        return new Out.Struct();
    }

    private Runnable datum(String namespace, JsonNode d, String path, Instant now) {
        MetricId metric = new MetricId(
                namespace,
                In.required(d, "MetricName", path + ".MetricName"),
                dimensionsOf(In.list(d, "Dimensions"), path + ".Dimensions"));
        Instant at = In.time(d, "Timestamp", path + ".Timestamp").orElse(now);
        if (at.isBefore(now.minus(MetricsStore.RETENTION))) {
            throw CloudWatchError.invalidValue(
                    "The parameter " + path + ".Timestamp must specify a time within the local retention of "
                            + MetricsStore.RETENTION.toHours() + " hours (CloudWatch: two weeks).");
        }
        if (at.isAfter(now.plus(MetricsStore.MAX_FUTURE))) {
            throw CloudWatchError.invalidValue(
                    "The parameter " + path + ".Timestamp must specify a time no more than two hours in the future.");
        }
        Unit unit = In.text(d, "Unit").map(u -> unit(u, path + ".Unit")).orElse(Unit.NONE);
        In.integer(d, "StorageResolution", path + ".StorageResolution").ifPresent(r -> {
            if (r != 1 && r != 60) {
                throw CloudWatchError.invalidValue(
                        "The value " + r + " for parameter " + path + ".StorageResolution is invalid: use 1 or 60.");
            }
        });
        Optional<Double> value = In.number(d, "Value", path + ".Value");
        JsonNode set = d.get("StatisticValues");
        List<JsonNode> values = In.list(d, "Values");
        List<JsonNode> counts = In.list(d, "Counts");
        int given = (value.isPresent() ? 1 : 0) + (set != null && !set.isNull() ? 1 : 0) + (values.isEmpty() ? 0 : 1);
        if (given > 1) {
            throw CloudWatchError.combination("The parameters " + path + ".Value, " + path + ".StatisticValues and "
                    + path + ".Values are mutually exclusive and you have specified more than one.");
        }
        if (given == 0) {
            throw CloudWatchError.missing(path + ".Value");
        }
        if (value.isPresent()) {
            return () -> store.put(metric, value.get(), 1, unit, at);
        }
        if (set != null && !set.isNull()) {
            String p = path + ".StatisticValues";
            MetricsRecorder.StatisticSet statistics;
            try {
                statistics = new MetricsRecorder.StatisticSet(
                        In.number(set, "SampleCount", p + ".SampleCount")
                                .orElseThrow(() -> CloudWatchError.missing(p + ".SampleCount")),
                        In.number(set, "Sum", p + ".Sum").orElseThrow(() -> CloudWatchError.missing(p + ".Sum")),
                        In.number(set, "Minimum", p + ".Minimum")
                                .orElseThrow(() -> CloudWatchError.missing(p + ".Minimum")),
                        In.number(set, "Maximum", p + ".Maximum")
                                .orElseThrow(() -> CloudWatchError.missing(p + ".Maximum")));
            } catch (IllegalArgumentException invalid) {
                throw CloudWatchError.invalidValue("The parameter " + p + " is invalid: " + invalid.getMessage());
            }
            return () -> store.putStatistics(metric, statistics, unit, at);
        }
        if (values.size() > 150) {
            throw CloudWatchError.invalidValue(
                    "The collection " + path + ".Values must not have a size greater than 150.");
        }
        if (!counts.isEmpty() && counts.size() != values.size()) {
            throw CloudWatchError.invalidValue(
                    "The parameters " + path + ".Values and " + path + ".Counts must be arrays of the same length.");
        }
        double[] v = new double[values.size()];
        double[] c = new double[values.size()];
        for (int i = 0; i < values.size(); i++) {
            v[i] = number(values.get(i), path + ".Values.member." + (i + 1));
            c[i] = counts.isEmpty() ? 1 : number(counts.get(i), path + ".Counts.member." + (i + 1));
            if (!(c[i] > 0)) {
                throw CloudWatchError.invalidValue("The value " + c[i] + " for parameter " + path + ".Counts.member."
                        + (i + 1) + " must be positive.");
            }
        }
        return () -> {
            for (int i = 0; i < v.length; i++) {
                store.put(metric, v[i], c[i], unit, at);
            }
        };
    }

    private static double number(JsonNode node, String path) {
        double value;
        try {
            value = node.isNumber() ? node.asDouble() : Double.parseDouble(node.asText());
        } catch (NumberFormatException bad) {
            throw CloudWatchError.invalidValue(
                    "The value " + node.asText() + " for parameter " + path + " is not a number.");
        }
        if (!Double.isFinite(value)) {
            throw CloudWatchError.invalidValue("The value " + node.asText() + " for parameter " + path
                    + " is invalid: NaN and infinities are not supported.");
        }
        return value;
    }

    private static Unit unit(String text, String path) {
        return Unit.parse(text)
                .orElseThrow(() -> CloudWatchError.invalidValue(
                        "The value " + text + " for parameter " + path + " is not a CloudWatch unit."));
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String path) {
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException bad) {
            throw CloudWatchError.invalidValue("The value " + text + " for parameter " + path + " is not valid.");
        }
    }

    private static String token(int offset) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(JsonNode in) {
        Optional<String> token = In.text(in, "NextToken");
        if (token.isEmpty()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token.get()), StandardCharsets.UTF_8);
            if (decoded.startsWith("offset:")) {
                int offset = Integer.parseInt(decoded.substring("offset:".length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException bad) {
            // reported below
        }
        throw CloudWatchError.invalidNextToken();
    }
}
