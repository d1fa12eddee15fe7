package dev.orders.local.metrics.alarms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.metrics.MetricDataQueries;
import dev.orders.local.metrics.MetricStatQuery;
import dev.orders.local.metrics.MetricsStore;
import dev.orders.local.metrics.TimeSeries;
import dev.orders.local.store.Database;
import dev.orders.local.time.TimeScale;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alarms of the platform, evaluated as CloudWatch evaluates them, once a (scaled) minute at the minute's
 * start, over the periods that have ended. A state change is stored with its reason and a StateUpdate history
 * item in one transaction, then the state's actions run (each writes an Action history item) and listeners
 * hear of it. States survive a restart; a new alarm starts in INSUFFICIENT_DATA, "Unchecked: Initial alarm creation".
 */
public final class Alarms implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Alarms.class);

    private final Map<String, AlarmDefinition> definitions = new LinkedHashMap<>();
    private final Map<String, AlarmStatus> statuses = new LinkedHashMap<>();
    private final AlarmRecords records;
    private final TimeScale time;
    private final MetricStatQuery stats;
    private final MetricDataQueries queries;
    private final AlarmAction actions;
    private final List<Consumer<StateChange>> listeners = new CopyOnWriteArrayList<>();
    private Thread ticker;
    private volatile boolean running;

    public Alarms(Database db, TimeScale time, MetricsStore store, List<AlarmDefinition> alarms, AlarmAction actions) {
        this.records = new AlarmRecords(db);
        this.time = time;
        this.stats = new MetricStatQuery(store);
        this.queries = new MetricDataQueries(store);
        this.actions = actions;
        Map<String, AlarmRecords.Stored> stored = records.load();
        Instant now = time.instant();
        for (AlarmDefinition alarm : alarms) {
            definitions.put(alarm.name(), alarm);
            String configuration = alarm.toString();
            AlarmRecords.Stored previous = stored.get(alarm.name());
            if (previous == null) {
                AlarmStatus initial = new AlarmStatus(
                        AlarmState.INSUFFICIENT_DATA, "Unchecked: Initial alarm creation", null, now, now, now);
                records.save(
                        alarm.name(),
                        initial,
                        configuration,
                        List.of(new AlarmHistoryItem(
                                alarm.name(),
                                now,
                                "ConfigurationUpdate",
                                "Alarm \"" + alarm.name() + "\" created",
                                configurationData("Create", alarm))));
                statuses.put(alarm.name(), initial);
            } else if (!previous.configuration().equals(configuration)) {
                // PutMetricAlarm on an existing alarm: its state is kept, its configuration replaced.
                AlarmStatus kept = previous.status();
                AlarmStatus updated = new AlarmStatus(
                        kept.state(), kept.reason(), kept.reasonData(), kept.updated(), kept.transitioned(), now);
                records.save(
                        alarm.name(),
                        updated,
                        configuration,
                        List.of(new AlarmHistoryItem(
                                alarm.name(),
                                now,
                                "ConfigurationUpdate",
                                "Alarm \"" + alarm.name() + "\" updated",
                                configurationData("Update", alarm))));
                statuses.put(alarm.name(), updated);
            } else {
                statuses.put(alarm.name(), previous.status());
            }
        }
    }

    private static String configurationData(String type, AlarmDefinition alarm) {
        ObjectNode data =
                Json.internal().createObjectNode().put("version", "1.0").put("type", type);
        data.putObject(type.equals("Create") ? "createdAlarm" : "updatedAlarm")
                .put("alarmName", alarm.name())
                .put("namespace", alarm.metric().map(m -> m.namespace()).orElse(null))
                .put("metricName", alarm.metric().map(m -> m.name()).orElse(null))
                .put("threshold", alarm.threshold())
                .put("evaluationPeriods", alarm.evaluationPeriods())
                .put("period", alarm.periodSeconds())
                .put("comparisonOperator", alarm.comparison().name());
        return data.toString();
    }

    /** Evaluates every alarm at the start of each scaled minute, until closed. */
    public synchronized Alarms start() {
        running = true;
        ticker = Thread.ofPlatform().daemon().name("alarm-evaluation").start(this::tick);
        return this;
    }

    private void tick() {
        while (running) {
            Instant now = time.instant();
            Instant next = TimeSeries.alignDown(now, 60).plusSeconds(60);
            try {
                Thread.sleep(
                        Math.max(1, time.realDelay(Duration.between(now, next)).toMillis()));
                evaluateAll(time.instant());
                records.pruneHistory(time.instant());
            } catch (InterruptedException stop) {
                return;
            } catch (RuntimeException failure) {
                LOG.warn("alarm evaluation failed; retried at the next minute", failure);
            }
        }
    }

    public void onStateChange(Consumer<StateChange> listener) {
        listeners.add(listener);
    }

    /** Evaluates every alarm as of {@code at} (tests and the ticker). */
    public void evaluateAll(Instant at) {
        for (AlarmDefinition alarm : List.copyOf(definitions.values())) {
            try {
                evaluate(alarm, at);
            } catch (RuntimeException failure) {
                LOG.warn("alarm {} could not be evaluated", alarm.name(), failure);
            }
        }
    }

    public void evaluate(AlarmDefinition alarm, Instant at) {
        List<AlarmEvaluation.Datapoint> range = range(alarm, at);
        if (AlarmEvaluation.evaluate(alarm, range, at) instanceof AlarmEvaluation.Decision.Set set) {
            transition(alarm, set.state(), set.reason(), set.reasonData(), at);
        }
    }

    /** The alarm's evaluation range as of {@code at}: the last N + 2 periods that have ended, oldest first. */
    public List<AlarmEvaluation.Datapoint> range(AlarmDefinition alarm, Instant at) {
        int period = alarm.periodSeconds();
        Instant end = TimeSeries.alignDown(at, period);
        Instant start = end.minusSeconds((long) period * AlarmEvaluation.evaluationRange(alarm));
        TimeSeries series;
        if (alarm.metric().isPresent()) {
            series = stats.series(
                    alarm.metric().get(), alarm.statistic().orElseThrow(), period, alarm.unit(), start, end);
        } else {
            series = queries.run(alarm.metrics(), start, end).getFirst().series();
        }
        List<AlarmEvaluation.Datapoint> range = new ArrayList<>();
        for (Instant t = start; t.isBefore(end); t = t.plusSeconds(period)) {
            Double value = series.points().get(t);
            range.add(
                    value == null
                            ? AlarmEvaluation.Datapoint.missing(t)
                            : AlarmEvaluation.Datapoint.of(
                                    t, value, series.sampleCounts().getOrDefault(t, 0d)));
        }
        return range;
    }

    /** SetAlarmState: the state holds until the next evaluation says otherwise. */
    public void setState(String name, AlarmState state, String reason, Optional<String> reasonData) {
        AlarmDefinition alarm = definition(name)
                .orElseThrow(() -> new java.util.NoSuchElementException("Alarm " + name + " does not exist"));
        reasonData.ifPresent(data -> {
            try {
                JsonNode parsed = Json.internal().readTree(data);
                if (parsed == null || !parsed.isObject()) {
                    throw new IllegalArgumentException("StateReasonData is not a JSON object");
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
                throw new IllegalArgumentException("StateReasonData is not valid JSON");
            }
        });
        transition(alarm, state, reason, reasonData.orElse(null), time.instant());
    }

    private void transition(AlarmDefinition alarm, AlarmState state, String reason, String reasonData, Instant at) {
        StateChange change;
        synchronized (this) {
            AlarmStatus old = statuses.get(alarm.name());
            if (old.state() == state) {
                return;
            }
            AlarmStatus next = new AlarmStatus(state, reason, reasonData, at, at, old.configurationUpdated());
            ObjectNode data = Json.internal().createObjectNode().put("version", "1.0");
            data.putObject("oldState").put("stateValue", old.state().name()).put("stateReason", old.reason());
            ObjectNode newState =
                    data.putObject("newState").put("stateValue", state.name()).put("stateReason", reason);
            if (reasonData != null) {
                try {
                    newState.set("stateReasonData", Json.internal().readTree(reasonData));
                } catch (com.fasterxml.jackson.core.JsonProcessingException unreadable) {
                    newState.put("stateReasonData", reasonData);
                }
            }
            records.save(
                    alarm.name(),
                    next,
                    alarm.toString(),
                    List.of(new AlarmHistoryItem(
                            alarm.name(),
                            at,
                            "StateUpdate",
                            "Alarm updated from " + old.state() + " to " + state,
                            data.toString())));
            statuses.put(alarm.name(), next);
            change = new StateChange(alarm, old.state(), next, old.reason(), at);
        }
        LOG.info("alarm {}: {} -> {} ({})", alarm.name(), change.oldState(), state, reason);
        if (alarm.actionsEnabled()) {
            List<AlarmHistoryItem> done = new ArrayList<>();
            for (String action : alarm.actionsFor(state)) {
                try {
                    done.add(actions.execute(action, change));
                } catch (RuntimeException failure) {
                    LOG.warn("alarm {}: action {} failed", alarm.name(), action, failure);
                    done.add(new AlarmHistoryItem(
                            alarm.name(),
                            at,
                            "Action",
                            "Failed to execute action " + action,
                            Json.internal()
                                    .createObjectNode()
                                    .put("actionState", "Failed")
                                    .put("notificationResource", action)
                                    .put("error", String.valueOf(failure.getMessage()))
                                    .toString()));
                }
            }
            if (!done.isEmpty()) {
                records.append(done);
            }
        }
        listeners.forEach(l -> {
            try {
                l.accept(change);
            } catch (RuntimeException failure) {
                LOG.warn("an alarm listener failed", failure);
            }
        });
    }

    public Optional<AlarmDefinition> definition(String name) {
        return Optional.ofNullable(definitions.get(name));
    }

    public List<AlarmDefinition> definitions() {
        return List.copyOf(definitions.values());
    }

    public synchronized AlarmStatus status(String name) {
        return statuses.get(name);
    }

    /** How many alarms are in ALARM now. */
    public synchronized long inAlarm() {
        return statuses.values().stream()
                .filter(status -> status.state() == AlarmState.ALARM)
                .count();
    }

    public List<AlarmHistoryItem> history(
            Optional<String> name,
            Optional<String> type,
            Instant from,
            Instant to,
            boolean ascending,
            int offset,
            int limit) {
        return records.history(name, type, from, to, ascending, offset, limit);
    }

    public TimeScale time() {
        return time;
    }

    /** Stops the ticker and waits for an evaluation under way, so none reads the metrics after they are closed. */
    @Override
    public void close() {
        Thread evaluating;
        synchronized (this) {
            running = false;
            evaluating = ticker;
        }
        if (evaluating != null) {
            evaluating.interrupt();
            try {
                evaluating.join(5_000);
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
