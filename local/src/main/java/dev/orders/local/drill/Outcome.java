package dev.orders.local.drill;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scenario's outcome: what was expected, each check with its measurement and verdict, every figure measured (the
 * report's JSON), and the charts drawn. The scenario passes when every check passes; a scenario this build cannot
 * run says so ({@link Verdict#NOT_AVAILABLE}) and counts as failed.
 */
final class Outcome {

    enum Verdict {
        PASS,
        FAIL,
        NOT_AVAILABLE
    }

    record Check(String name, String expected, String measured, boolean pass) {}

    /** A chart of recorded metrics: its title, its file (SVG, next to the report) and its series (epoch second → value). */
    record Chart(String title, String file, String unit, Map<String, Map<Long, Double>> series, List<long[]> shaded) {}

    final String scenario;
    final String expectation;
    final List<Check> checks = new ArrayList<>();
    final Map<String, Object> figures = new LinkedHashMap<>();
    final List<Chart> charts = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    private String unavailable;

    Outcome(String scenario, String expectation) {
        this.scenario = scenario;
        this.expectation = expectation;
    }

    Outcome check(String name, String expected, Object measured, boolean pass) {
        checks.add(new Check(name, expected, String.valueOf(measured), pass));
        return this;
    }

    Outcome figure(String name, Object value) {
        figures.put(name, value);
        return this;
    }

    Outcome notAvailable(String reason) {
        this.unavailable = reason;
        return this;
    }

    String unavailableReason() {
        return unavailable;
    }

    Verdict verdict() {
        if (unavailable != null) {
            return Verdict.NOT_AVAILABLE;
        }
        return !checks.isEmpty() && checks.stream().allMatch(Check::pass) ? Verdict.PASS : Verdict.FAIL;
    }
}
