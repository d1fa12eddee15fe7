package dev.orders.local.metrics.alarms;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.metrics.Statistic;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * One evaluation of an alarm over its evaluation range, as "Using Amazon CloudWatch alarms" describes it
 * (sections "Evaluating an alarm", "How alarm state is evaluated when data is missing" and "Avoiding premature
 * transitions to alarm state"), with the reason text and reason data CloudWatch writes.
 *
 * <p>With at least N (EvaluationPeriods) real datapoints in the range, the N most recent are evaluated and
 * TreatMissingData does not matter. With fewer, {@code breaching}/{@code notBreaching} fill the missing ones
 * (as few as possible, so N are evaluated); {@code missing} and {@code ignore} evaluate the real ones only:
 * ALARM when M breach, OK when one of them does not breach, and otherwise INSUFFICIENT_DATA ({@code missing},
 * unless the oldest breaching datapoint is at least M periods old with only breaching or missing ones after
 * it: then ALARM) or the current state kept ({@code ignore}); a range without any datapoint is
 * INSUFFICIENT_DATA ({@code missing}) or the current state ({@code ignore}).
 */
public final class AlarmEvaluation {

    private static final DateTimeFormatter REASON_DATE =
            DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATA_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    /** One period of the evaluation range: its start, and its value if the period had data. */
    public record Datapoint(Instant timestamp, OptionalDouble value, double sampleCount) {
        public static Datapoint missing(Instant timestamp) {
            return new Datapoint(timestamp, OptionalDouble.empty(), 0);
        }

        public static Datapoint of(Instant timestamp, double value, double sampleCount) {
            return new Datapoint(timestamp, OptionalDouble.of(value), sampleCount);
        }
    }

    public sealed interface Decision {
        /** The state the alarm should be in, why, and the reason data (JSON text). */
        record Set(AlarmState state, String reason, String reasonData) implements Decision {}

        /** Keep the current state (TreatMissingData {@code ignore}, or too few samples for a percentile). */
        record Retain() implements Decision {}
    }

    private AlarmEvaluation() {}

    /** How many periods CloudWatch retrieves: more than N, so missing ones can be looked past (N + 2 locally, as in the page's tables). */
    public static int evaluationRange(AlarmDefinition alarm) {
        return alarm.evaluationPeriods() + 2;
    }

    /**
     * @param range the evaluation range, oldest first, one entry per period (missing ones included)
     */
    public static Decision evaluate(AlarmDefinition alarm, List<Datapoint> range, Instant queryDate) {
        int n = alarm.evaluationPeriods();
        int m = alarm.m();
        List<Datapoint> existing =
                range.stream().filter(d -> d.value().isPresent()).toList();
        if (lowSampleCountIgnored(alarm, existing)) {
            return new Decision.Retain();
        }
        if (existing.size() >= n) {
            List<Datapoint> evaluated = existing.subList(existing.size() - n, existing.size());
            long breaching = evaluated.stream().filter(d -> breaches(alarm, d)).count();
            AlarmState state = breaching >= m ? AlarmState.ALARM : AlarmState.OK;
            return thresholdCrossed(alarm, state, evaluated, 0, false, queryDate);
        }
        int fill = n - existing.size();
        long breaching = existing.stream().filter(d -> breaches(alarm, d)).count();
        switch (alarm.treatMissingData()) {
            case breaching, notBreaching -> {
                boolean filledBreach = alarm.treatMissingData() == TreatMissingData.breaching;
                long total = breaching + (filledBreach ? fill : 0);
                AlarmState state = total >= m ? AlarmState.ALARM : AlarmState.OK;
                if (existing.isEmpty()) {
                    return new Decision.Set(
                            state,
                            "Threshold Crossed: no datapoints were received for " + plural(fill, "period")
                                    + " and " + plural(fill, "missing datapoint") + " " + (fill == 1 ? "was" : "were")
                                    + " treated as ["
                                    + (filledBreach ? "Breaching" : "NonBreaching") + "].",
                            reasonData(alarm, List.of(), queryDate, false, range));
                }
                return thresholdCrossed(alarm, state, existing, fill, filledBreach, queryDate);
            }
            default -> {
                boolean ignore = alarm.treatMissingData() == TreatMissingData.ignore;
                if (existing.isEmpty()) {
                    return ignore ? new Decision.Retain() : insufficient(alarm, range, queryDate);
                }
                if (breaching >= m) {
                    return thresholdCrossed(alarm, AlarmState.ALARM, existing, 0, false, queryDate);
                }
                if (breaching < existing.size()) {
                    return thresholdCrossed(alarm, AlarmState.OK, existing, 0, false, queryDate);
                }
                if (!ignore && oldestBreachingAge(alarm, range) >= m) {
                    // "Avoiding premature transitions to alarm state": breaching, then only breaching or missing since.
                    return thresholdCrossed(alarm, AlarmState.ALARM, existing, 0, false, queryDate);
                }
                return ignore ? new Decision.Retain() : insufficient(alarm, range, queryDate);
            }
        }
    }

    private static boolean lowSampleCountIgnored(AlarmDefinition alarm, List<Datapoint> existing) {
        if (!"ignore".equals(alarm.evaluateLowSampleCountPercentile().orElse(null))
                || existing.isEmpty()
                || !(alarm.statistic().orElse(null) instanceof Statistic.Percentile p)) {
            return false;
        }
        return existing.getLast().sampleCount() < p.significantSampleCount();
    }

    /** Periods from the newest slot of the range back to the oldest breaching datapoint, counting both (newest = 1). */
    private static int oldestBreachingAge(AlarmDefinition alarm, List<Datapoint> range) {
        for (int i = 0; i < range.size(); i++) {
            if (range.get(i).value().isPresent() && breaches(alarm, range.get(i))) {
                return range.size() - i;
            }
        }
        return 0;
    }

    static boolean breaches(AlarmDefinition alarm, Datapoint d) {
        return alarm.comparison().breaches(d.value().orElseThrow(), alarm.threshold());
    }

    private static Decision insufficient(AlarmDefinition alarm, List<Datapoint> range, Instant queryDate) {
        int n = alarm.evaluationPeriods();
        return new Decision.Set(
                AlarmState.INSUFFICIENT_DATA,
                "Insufficient Data: " + plural(n, "datapoint") + " " + (n == 1 ? "was" : "were") + " unknown.",
                reasonData(alarm, List.of(), queryDate, true, range));
    }

    /**
     * "Threshold Crossed: 2 out of the last 3 datapoints [5.0 (30/11/26 10:02:00), 3.0 (30/11/26 10:00:00)] were
     * greater than or equal to the threshold (1.0) (minimum 2 datapoints for OK -> ALARM transition)." — the short
     * form without "out of the last" and "minimum" when the alarm has no DatapointsToAlarm.
     */
    private static Decision thresholdCrossed(
            AlarmDefinition alarm,
            AlarmState state,
            List<Datapoint> real,
            int filled,
            boolean filledBreach,
            Instant queryDate) {
        boolean alarming = state == AlarmState.ALARM;
        List<Datapoint> shown = new ArrayList<>(real.stream()
                        .filter(d -> breaches(alarm, d) == alarming)
                        .toList())
                .reversed();
        long matching = shown.size() + (filledBreach == alarming ? filled : 0);
        int evaluated = real.size() + filled;
        StringBuilder list = new StringBuilder();
        for (Datapoint d : shown) {
            if (!list.isEmpty()) {
                list.append(", ");
            }
            list.append(d.value().orElseThrow())
                    .append(" (")
                    .append(REASON_DATE.format(d.timestamp()))
                    .append(')');
        }
        String verb = (matching == 1 ? "was " : "were ")
                + (alarming ? "" : "not ")
                + alarm.comparison().words();
        String reason;
        if (alarm.datapointsToAlarm().isPresent()) {
            int minimum = alarming ? alarm.m() : alarm.evaluationPeriods() - alarm.m() + 1;
            reason = "Threshold Crossed: " + matching + " out of the last " + evaluated + " datapoints [" + list + "] "
                    + verb
                    + " the threshold (" + alarm.threshold() + ") (minimum " + plural(minimum, "datapoint") + " for "
                    + (alarming ? "OK -> ALARM" : "ALARM -> OK") + " transition).";
        } else {
            reason = "Threshold Crossed: " + plural(matching, "datapoint") + " [" + list + "] " + verb
                    + " the threshold (" + alarm.threshold() + ").";
        }
        return new Decision.Set(state, reason, reasonData(alarm, real, queryDate, false, List.of()));
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** CloudWatch's StateReasonData: version, queryDate, startDate, unit, statistic, period, recentDatapoints, threshold, evaluatedDatapoints. */
    private static String reasonData(
            AlarmDefinition alarm,
            List<Datapoint> evaluated,
            Instant queryDate,
            boolean unknown,
            List<Datapoint> range) {
        ObjectNode data = Json.internal().createObjectNode();
        data.put("version", "1.0");
        data.put("queryDate", DATA_DATE.format(queryDate));
        if (!evaluated.isEmpty()) {
            data.put("startDate", DATA_DATE.format(evaluated.getFirst().timestamp()));
        }
        alarm.unit().ifPresent(u -> data.put("unit", u.wireName()));
        alarm.statistic()
                .ifPresent(
                        s -> data.put(s instanceof Statistic.Percentile ? "extendedStatistic" : "statistic", s.name()));
        data.put("period", alarm.periodSeconds());
        ArrayNode recent = data.putArray("recentDatapoints");
        evaluated.forEach(d -> recent.add(d.value().orElseThrow()));
        data.put("threshold", alarm.threshold());
        if (unknown) {
            ArrayNode points = data.putArray("evaluatedDatapoints");
            List<Datapoint> slots = range.subList(Math.max(0, range.size() - alarm.evaluationPeriods()), range.size());
            slots.reversed().forEach(d -> points.addObject().put("timestamp", DATA_DATE.format(d.timestamp())));
        } else if (!evaluated.isEmpty()) {
            ArrayNode points = data.putArray("evaluatedDatapoints");
            for (Datapoint d : evaluated.reversed()) {
                ObjectNode point = points.addObject().put("timestamp", DATA_DATE.format(d.timestamp()));
                if (alarm.metric().isPresent()) {
                    point.put("sampleCount", d.sampleCount());
                }
                point.put("value", d.value().orElseThrow());
            }
        }
        return data.toString();
    }
}
