package dev.orders.local.metrics.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.local.metrics.TimeSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Metric math as "Metric math syntax and functions" and "Using IF expressions" tabulate it ("-" = no datapoint). */
class EvaluatorTest {

    static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    static Value.Series series(String label, Double... values) {
        TreeMap<Instant, Double> points = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                points.put(T0.plusSeconds(60L * i), values[i]);
            }
        }
        return new Value.Series(new TimeSeries(points, T0, T0.plusSeconds(60L * values.length), 60, Map.of()), label);
    }

    static List<Double> run(String expression, Map<String, Value.Series> ids) {
        Value v = new Evaluator(
                        id -> {
                            Value.Series s = ids.get(id);
                            if (s == null) {
                                throw new MathException("unknown " + id);
                            }
                            return s;
                        },
                        List.copyOf(ids.values()))
                .evaluate(Expression.parse(expression));
        TimeSeries s = ((Value.Series) v).series();
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            out.add(s.points().get(T0.plusSeconds(60L * i)));
        }
        return out;
    }

    @Test
    void if_with_three_series() {
        var ids = Map.of(
                "metric1",
                series("m1", 1d, 1d, 0d, 0d, null),
                "metric2",
                series("m2", 30d, null, 0d, 0d, 30d),
                "metric3",
                series("m3", 0d, 0d, 20d, null, 20d));
        assertThat(run("IF(metric1, metric2, metric3)", ids)).containsExactly(30d, 0d, 20d, null, null);
    }

    @Test
    void if_with_a_scalar_when_true() {
        var ids =
                Map.of("metric1", series("m1", 1d, 1d, 0d, 0d, null), "metric3", series("m3", 0d, 0d, 20d, null, 20d));
        assertThat(run("IF(metric1, 5, metric3)", ids)).containsExactly(5d, 5d, 20d, null, null);
    }

    @Test
    void if_with_a_scalar_when_false() {
        var ids =
                Map.of("metric1", series("m1", 1d, 1d, 0d, 0d, null), "metric2", series("m2", 30d, null, 0d, 0d, 30d));
        assertThat(run("IF(metric1, metric2, 5)", ids)).containsExactly(30d, 0d, 5d, 5d, null);
    }

    @Test
    void comparisons_and_logic_treat_a_missing_value_as_zero() {
        var ids = Map.of("metric1", series("m1", 30d, 20d, 0d, 0d), "metric2", series("m2", 20d, null, 20d, null));
        assertThat(run("(metric1 < metric2)", ids).subList(0, 4)).containsExactly(0d, 0d, 1d, 0d);
        assertThat(run("(metric1 >= 30)", ids).subList(0, 4)).containsExactly(1d, 0d, 0d, 0d);
        assertThat(run("(metric1 > 15 AND metric2 > 15)", ids).subList(0, 4)).containsExactly(1d, 0d, 0d, 0d);
    }

    @Test
    void arithmetic_treats_missing_as_zero_and_drops_a_division_by_zero() {
        var ids = Map.of("errors", series("e", 2d, null, 0d, 3d), "invocations", series("i", 10d, 5d, 0d, null));
        assertThat(run("100 * errors / invocations", ids).subList(0, 4)).containsExactly(20d, 0d, null, null);
        assertThat(run("errors + invocations", ids).subList(0, 4)).containsExactly(12d, 5d, 0d, 3d);
        assertThat(run("-errors ^ 2", ids).subList(0, 4)).containsExactly(-4d, null, -0d, -9d);
    }

    @Test
    void an_error_rate_alarm_expression_with_fill() {
        var ids = Map.of(
                "errors", series("e", 1d, null, null, 4d, null), "invocations", series("i", 10d, 20d, null, 8d, null));
        assertThat(run("IF(FILL(invocations, 0) > 0, 100 * FILL(errors, 0) / invocations, 0)", ids))
                .containsExactly(10d, 0d, 0d, 50d, 0d);
    }

    @Test
    void fill_with_repeat_linear_and_a_series() {
        var ids = Map.of("m1", series("m1", null, 2d, null, null, 8d), "m2", series("m2", 7d, 7d, 7d, 7d, 7d));
        assertThat(run("FILL(m1, REPEAT)", ids)).containsExactly(null, 2d, 2d, 2d, 8d);
        assertThat(run("FILL(m1, LINEAR)", ids)).containsExactly(null, 2d, 4d, 6d, 8d);
        assertThat(run("FILL(m1, m2)", ids)).containsExactly(7d, 2d, 7d, 7d, 8d);
    }

    @Test
    void sum_of_an_array_and_of_a_series() {
        var ids = Map.of("a", series("a", 1d, null, 3d), "b", series("b", 10d, 20d, null));
        assertThat(run("SUM([a, b])", ids).subList(0, 3)).containsExactly(11d, 20d, 3d);
        assertThat(run("a - AVG(a)", ids).subList(0, 3)).containsExactly(-1d, null, 1d);
    }

    @Test
    void bad_expressions_are_refused_with_a_reason() {
        assertThatThrownBy(() -> Expression.parse("m1 +"))
                .isInstanceOf(MathException.class)
                .hasMessageContaining("ends too early");
        assertThatThrownBy(() -> Expression.parse("(m1"))
                .isInstanceOf(MathException.class)
                .hasMessageContaining("Expected ')'");
        assertThatThrownBy(() -> run("ANOMALY_DETECTION_BAND(m1)", Map.of("m1", series("m1", 1d))))
                .isInstanceOf(MathException.class)
                .hasMessageContaining("not supported");
        assertThatThrownBy(() -> run("m9 * 2", Map.of("m1", series("m1", 1d)))).isInstanceOf(MathException.class);
    }
}
