package dev.orders.local.metrics;

import dev.orders.local.metrics.math.Evaluator;
import dev.orders.local.metrics.math.Expression;
import dev.orders.local.metrics.math.MathException;
import dev.orders.local.metrics.math.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CloudWatch's MetricDataQuery list, run against the store: GetMetricData, alarms on math expressions, and
 * the dashboard's widgets all use it. Each query is a MetricStat (a metric, a period, a statistic) or an
 * Expression over the ids of the others; only the ones with ReturnData come back.
 */
public final class MetricDataQueries {

    private static final Pattern ID = Pattern.compile("[a-z][a-zA-Z0-9_]*");
    public static final int MAX_QUERIES = 500;

    public record MetricStat(MetricId metric, int periodSeconds, Statistic statistic, Optional<Unit> unit) {}

    public record Query(
            String id,
            Optional<MetricStat> metricStat,
            Optional<String> expression,
            Optional<String> label,
            boolean returnData,
            Optional<Integer> periodSeconds) {}

    public record Result(String id, String label, TimeSeries series) {}

    private final MetricStatQuery stats;

    public MetricDataQueries(MetricsStore store) {
        this.stats = new MetricStatQuery(store);
    }

    /** Checks what CloudWatch checks before running anything; throws {@link IllegalArgumentException} with its message. */
    public static void validate(List<Query> queries) {
        if (queries.isEmpty() || queries.size() > MAX_QUERIES) {
            throw new IllegalArgumentException(
                    "The parameter MetricDataQueries must hold 1 to " + MAX_QUERIES + " queries");
        }
        Set<String> seen = new HashSet<>();
        for (Query q : queries) {
            if (q.id() == null || !ID.matcher(q.id()).matches()) {
                throw new IllegalArgumentException(
                        "The value " + q.id() + " for parameter MetricDataQueries.member.Id is invalid: "
                                + "an Id starts with a lower-case letter and holds only letters, digits and underscores");
            }
            if (!seen.add(q.id())) {
                throw new IllegalArgumentException("The Id " + q.id() + " is used by more than one query");
            }
            if (q.metricStat().isPresent() == q.expression().isPresent()) {
                throw new IllegalArgumentException(
                        "The query " + q.id() + " must have exactly one of MetricStat and Expression");
            }
            q.metricStat().ifPresent(s -> MetricStatQuery.checkPeriod(s.periodSeconds()));
            q.expression().ifPresent(Expression::parse);
        }
        if (queries.stream().noneMatch(Query::returnData)) {
            throw new IllegalArgumentException("At least one query must have ReturnData set to true");
        }
    }

    public List<Result> run(List<Query> queries, Instant start, Instant end) {
        validate(queries);
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("The parameter StartTime must be before EndTime");
        }
        Map<String, Query> byId = new LinkedHashMap<>();
        queries.forEach(q -> byId.put(q.id(), q));
        int gridPeriod = queries.stream()
                .flatMap(q -> q.metricStat().stream())
                .mapToInt(MetricStat::periodSeconds)
                .max()
                .orElseGet(() -> queries.stream()
                        .flatMap(q -> q.periodSeconds().stream())
                        .mapToInt(Integer::intValue)
                        .max()
                        .orElse(60));
        Map<String, Value> values = new HashMap<>();
        List<Value.Series> metricSeries = new ArrayList<>();
        for (Query q : queries) {
            q.metricStat().ifPresent(s -> {
                Value.Series series = new Value.Series(
                        stats.series(s.metric(), s.statistic(), s.periodSeconds(), s.unit(), start, end),
                        q.label().orElse(s.metric().name()));
                values.put(q.id(), series);
                metricSeries.add(new Value.Series(series.series(), q.id()));
            });
        }
        Set<String> evaluating = new HashSet<>();
        java.util.function.Function<String, Value>[] resolver = new java.util.function.Function[1];
        Evaluator evaluator = new Evaluator(id -> resolver[0].apply(id), metricSeries);
        resolver[0] = id -> {
            Value known = values.get(id);
            if (known != null) {
                return known;
            }
            Query q = byId.get(id);
            if (q == null) {
                throw new MathException(
                        "The expression refers to " + id + ", which is not the Id of a query in this request");
            }
            if (!evaluating.add(id)) {
                throw new MathException("The expressions refer to each other in a cycle through " + id);
            }
            Value v = evaluator.evaluate(Expression.parse(q.expression().orElseThrow()));
            values.put(id, v);
            return v;
        };
        List<Result> results = new ArrayList<>();
        for (Query q : queries) {
            if (!q.returnData()) {
                continue;
            }
            Value v = resolver[0].apply(q.id());
            String label = q.label()
                    .orElseGet(() -> q.metricStat()
                            .map(s -> s.metric().name())
                            .orElse(q.expression().orElse(q.id())));
            switch (v) {
                case Value.Series s -> results.add(new Result(q.id(), label, s.series()));
                case Value.SeriesArray a -> {
                    for (Value.Series s : a.elements()) {
                        results.add(new Result(q.id(), label + " " + s.label(), s.series()));
                    }
                }
                case Value.Scalar scalar -> {
                    // a scalar on its own is shown as a flat line over the grid, as the console draws it
                    TimeSeries grid = Evaluator.empty(TimeSeries.alignDown(start, gridPeriod), end, gridPeriod);
                    java.util.TreeMap<Instant, Double> points = new java.util.TreeMap<>();
                    grid.grid().forEach(t -> points.put(t, scalar.value()));
                    results.add(new Result(q.id(), label, grid.with(points)));
                }
                default -> throw new MathException("The expression of " + q.id() + " does not produce a time series");
            }
        }
        return results;
    }
}
