package dev.orders.local.metrics.math;

import dev.orders.local.metrics.TimeSeries;
import dev.orders.local.metrics.math.Value.Scalar;
import dev.orders.local.metrics.math.Value.Series;
import dev.orders.local.metrics.math.Value.SeriesArray;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Function;

/**
 * Evaluates metric math as CloudWatch documents it ("Metric math syntax and functions", "Using IF
 * expressions"): arithmetic treats a missing value as 0 and drops a division by zero; comparisons give 0/1
 * and also treat a missing value as 0; IF, FILL (a number, a series, REPEAT, LINEAR), SUM/AVG/MIN/MAX (of a
 * series: a scalar; of an array: a series), METRICS(), PERIOD, ABS, CEIL, FLOOR.
 */
public final class Evaluator {

    private final Function<String, Value> ids;
    private final List<Series> metrics;

    /**
     * @param ids     resolves an id of the request to its value (a MetricStat's series, another expression's result)
     * @param metrics METRICS(): every MetricStat query of the request, in order
     */
    public Evaluator(Function<String, Value> ids, List<Series> metrics) {
        this.ids = ids;
        this.metrics = metrics;
    }

    public Value evaluate(Expression expression) {
        return switch (expression) {
            case Expression.Number n -> new Scalar(n.value());
            case Expression.Text t -> new Value.Text(t.value());
            case Expression.Keyword k -> new Value.Word(k.name());
            case Expression.Id id -> ids.apply(id.name());
            case Expression.Negate negate ->
                arithmetic(new Scalar(-1), evaluate(negate.operand()), (a, b) -> a * b, "*");
            case Expression.Array array -> {
                List<Series> elements = new ArrayList<>();
                for (Expression e : array.elements()) {
                    switch (evaluate(e)) {
                        case Series s -> elements.add(s);
                        case SeriesArray a -> elements.addAll(a.elements());
                        default -> throw new MathException("An array holds time series only");
                    }
                }
                yield new SeriesArray(elements);
            }
            case Expression.Binary b -> binary(b.operator(), evaluate(b.left()), evaluate(b.right()));
            case Expression.Call call -> call(call);
        };
    }

    private Value binary(String operator, Value left, Value right) {
        return switch (operator) {
            case "+" -> arithmetic(left, right, Double::sum, operator);
            case "-" -> arithmetic(left, right, (a, b) -> a - b, operator);
            case "*" -> arithmetic(left, right, (a, b) -> a * b, operator);
            case "/" -> arithmetic(left, right, (a, b) -> a / b, operator);
            case "^" -> arithmetic(left, right, Math::pow, operator);
            case "==" -> arithmetic(left, right, (a, b) -> a == b ? 1 : 0, operator);
            case "!=" -> arithmetic(left, right, (a, b) -> a != b ? 1 : 0, operator);
            case "<" -> arithmetic(left, right, (a, b) -> a < b ? 1 : 0, operator);
            case "<=" -> arithmetic(left, right, (a, b) -> a <= b ? 1 : 0, operator);
            case ">" -> arithmetic(left, right, (a, b) -> a > b ? 1 : 0, operator);
            case ">=" -> arithmetic(left, right, (a, b) -> a >= b ? 1 : 0, operator);
            case "AND" -> arithmetic(left, right, (a, b) -> a != 0 && b != 0 ? 1 : 0, operator);
            case "OR" -> arithmetic(left, right, (a, b) -> a != 0 || b != 0 ? 1 : 0, operator);
            default -> throw new MathException("Unknown operator " + operator);
        };
    }

    /** Point by point; a value missing on one side counts as 0; a non-finite result (division by zero) is dropped. */
    private Value arithmetic(Value left, Value right, DoubleBinaryOperator op, String symbol) {
        if (left instanceof Scalar a && right instanceof Scalar b) {
            return new Scalar(op.applyAsDouble(a.value(), b.value()));
        }
        if (left instanceof SeriesArray array) {
            return new SeriesArray(array.elements().stream()
                    .map(s -> (Series) arithmetic(s, right, op, symbol))
                    .toList());
        }
        if (right instanceof SeriesArray array) {
            return new SeriesArray(array.elements().stream()
                    .map(s -> (Series) arithmetic(left, s, op, symbol))
                    .toList());
        }
        if (left instanceof Series s && right instanceof Scalar b) {
            return mapPoints(s, v -> op.applyAsDouble(v, b.value()));
        }
        if (left instanceof Scalar a && right instanceof Series s) {
            return mapPoints(s, v -> op.applyAsDouble(a.value(), v));
        }
        if (left instanceof Series a && right instanceof Series b) {
            TreeSet<Instant> times = new TreeSet<>(a.series().points().keySet());
            times.addAll(b.series().points().keySet());
            TreeMap<Instant, Double> points = new TreeMap<>();
            for (Instant t : times) {
                double result = op.applyAsDouble(
                        a.series().points().getOrDefault(t, 0d),
                        b.series().points().getOrDefault(t, 0d));
                if (Double.isFinite(result)) {
                    points.put(t, result);
                }
            }
            return new Series(a.series().with(points), a.label());
        }
        throw new MathException("The operator " + symbol + " takes numbers and time series");
    }

    private static Series mapPoints(Series s, java.util.function.DoubleUnaryOperator f) {
        TreeMap<Instant, Double> points = new TreeMap<>();
        s.series().points().forEach((t, v) -> {
            double result = f.applyAsDouble(v);
            if (Double.isFinite(result)) {
                points.put(t, result);
            }
        });
        return new Series(s.series().with(points), s.label());
    }

    private Value call(Expression.Call call) {
        List<Expression> args = call.arguments();
        return switch (call.function()) {
            case "IF" -> {
                arity(call, 2, 3);
                yield ifValue(
                        evaluate(args.get(0)), evaluate(args.get(1)), args.size() == 3 ? evaluate(args.get(2)) : null);
            }
            case "FILL" -> {
                arity(call, 2, 2);
                Value target = evaluate(args.get(0));
                Value with = evaluate(args.get(1));
                yield switch (target) {
                    case Series s -> fill(s, with);
                    case SeriesArray a ->
                        new SeriesArray(
                                a.elements().stream().map(s -> fill(s, with)).toList());
                    default -> throw new MathException("FILL takes a time series or an array of time series");
                };
            }
            case "SUM", "AVG", "MIN", "MAX" -> {
                arity(call, 1, 1);
                yield aggregate(call.function(), evaluate(args.get(0)));
            }
            case "METRICS" -> {
                arity(call, 0, 1);
                if (args.isEmpty()) {
                    yield new SeriesArray(metrics);
                }
                if (!(evaluate(args.get(0)) instanceof Value.Text filter)) {
                    throw new MathException("METRICS takes a string");
                }
                yield new SeriesArray(metrics.stream()
                        .filter(m -> m.label().contains(filter.value()))
                        .toList());
            }
            case "PERIOD" -> {
                arity(call, 1, 1);
                if (evaluate(args.get(0)) instanceof Series s) {
                    yield new Scalar(s.series().periodSeconds());
                }
                throw new MathException("PERIOD takes a time series");
            }
            case "ABS" -> unary(call, Math::abs);
            case "CEIL" -> unary(call, Math::ceil);
            case "FLOOR" -> unary(call, Math::floor);
            default ->
                throw new MathException(
                        "The function " + call.function() + " is not supported by the local runtime "
                                + "(supported: IF, FILL, SUM, AVG, MIN, MAX, METRICS, PERIOD, ABS, CEIL, FLOOR and the operators)");
        };
    }

    private Value unary(Expression.Call call, java.util.function.DoubleUnaryOperator f) {
        arity(call, 1, 1);
        return switch (evaluate(call.arguments().getFirst())) {
            case Scalar s -> new Scalar(f.applyAsDouble(s.value()));
            case Series s -> mapPoints(s, f);
            case SeriesArray a ->
                new SeriesArray(a.elements().stream().map(s -> mapPoints(s, f)).toList());
            default -> throw new MathException(call.function() + " takes a number or time series");
        };
    }

    private static void arity(Expression.Call call, int min, int max) {
        int n = call.arguments().size();
        if (n < min || n > max) {
            throw new MathException(call.function() + " takes "
                    + (min == max ? String.valueOf(min) : min + " to " + max) + " arguments, not " + n);
        }
    }

    /** IF as "Using IF expressions" tables it: the condition's timestamps decide; a true point without a value is 0. */
    private Value ifValue(Value condition, Value whenTrue, Value whenFalse) {
        if (condition instanceof Scalar c) {
            if (c.value() != 0) {
                return whenTrue;
            }
            if (whenFalse == null) {
                return new SeriesArray(List.of());
            }
            return whenFalse;
        }
        if (!(condition instanceof Series cond)) {
            throw new MathException("IF takes a number or a time series as its condition");
        }
        TreeMap<Instant, Double> points = new TreeMap<>();
        cond.series().points().forEach((t, c) -> {
            if (c != 0) {
                Double v = pointOf(whenTrue, t);
                points.put(t, v == null ? 0 : v);
            } else if (whenFalse != null) {
                Double v = pointOf(whenFalse, t);
                if (v != null) {
                    points.put(t, v);
                }
            }
        });
        return new Series(cond.series().with(points), cond.label());
    }

    private static Double pointOf(Value value, Instant t) {
        return switch (value) {
            case Scalar s -> s.value();
            case Series s -> s.series().points().get(t);
            default -> throw new MathException("IF's values are numbers or single time series");
        };
    }

    private static Series fill(Series s, Value with) {
        TreeMap<Instant, Double> points = new TreeMap<>(s.series().points());
        List<Instant> grid = new ArrayList<>();
        s.series().grid().forEach(grid::add);
        switch (with) {
            case Scalar scalar -> grid.forEach(t -> points.putIfAbsent(t, scalar.value()));
            case Series other ->
                grid.forEach(t -> {
                    Double v = other.series().points().get(t);
                    if (v != null) {
                        points.putIfAbsent(t, v);
                    }
                });
            case Value.Word word
            when word.name().equals("REPEAT") -> {
                Double last = null;
                for (Instant t : grid) {
                    Double v = s.series().points().get(t);
                    if (v != null) {
                        last = v;
                    } else if (last != null) {
                        points.put(t, last);
                    }
                }
            }
            case Value.Word word
            when word.name().equals("LINEAR") -> {
                NavigableMap<Instant, Double> known = s.series().points();
                for (Instant t : grid) {
                    if (!known.containsKey(t)) {
                        Map.Entry<Instant, Double> before = known.lowerEntry(t);
                        Map.Entry<Instant, Double> after = known.higherEntry(t);
                        if (before != null && after != null) {
                            double span = after.getKey().toEpochMilli()
                                    - before.getKey().toEpochMilli();
                            double f = (t.toEpochMilli() - before.getKey().toEpochMilli()) / span;
                            points.put(t, before.getValue() + f * (after.getValue() - before.getValue()));
                        }
                    }
                }
            }
            default -> throw new MathException("FILL fills with a number, a time series, REPEAT or LINEAR");
        }
        return new Series(s.series().with(points), s.label());
    }

    private static Value aggregate(String function, Value value) {
        return switch (value) {
            case Series s -> {
                var values = s.series().points().values();
                if (values.isEmpty()) {
                    throw new MathException(function + " of a time series without datapoints has no value");
                }
                var stats = values.stream().mapToDouble(Double::doubleValue).summaryStatistics();
                yield new Scalar(
                        switch (function) {
                            case "SUM" -> stats.getSum();
                            case "AVG" -> stats.getAverage();
                            case "MIN" -> stats.getMin();
                            default -> stats.getMax();
                        });
            }
            case SeriesArray array -> {
                if (array.elements().isEmpty()) {
                    throw new MathException(function + " of an empty array has no value");
                }
                TreeSet<Instant> times = new TreeSet<>();
                array.elements().forEach(s -> times.addAll(s.series().points().keySet()));
                TreeMap<Instant, Double> points = new TreeMap<>();
                for (Instant t : times) {
                    // SUM and AVG of an array treat a missing value as 0; MIN and MAX take the values that exist.
                    List<Double> present = array.elements().stream()
                            .map(s -> s.series().points().get(t))
                            .filter(v -> v != null)
                            .toList();
                    double result = switch (function) {
                        case "SUM" ->
                            present.stream().mapToDouble(Double::doubleValue).sum();
                        case "AVG" ->
                            present.stream().mapToDouble(Double::doubleValue).sum()
                                    / array.elements().size();
                        case "MIN" ->
                            present.stream()
                                    .mapToDouble(Double::doubleValue)
                                    .min()
                                    .orElseThrow();
                        default ->
                            present.stream()
                                    .mapToDouble(Double::doubleValue)
                                    .max()
                                    .orElseThrow();
                    };
                    points.put(t, result);
                }
                Series first = array.elements().getFirst();
                yield new Series(first.series().with(points), function);
            }
            case Scalar s -> s;
            default -> throw new MathException(function + " takes a time series or an array of time series");
        };
    }

    /** For {@code TimeSeries} with no datapoints on a grid. */
    public static TimeSeries empty(Instant start, Instant end, int period) {
        return new TimeSeries(new TreeMap<>(), start, end, period, Map.of());
    }
}
