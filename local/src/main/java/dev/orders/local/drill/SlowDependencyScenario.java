package dev.orders.local.drill;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.DependencyCalls;
import dev.orders.functions.shared.Json;
import dev.orders.local.metrics.runtime.FaultMetrics;
import dev.orders.local.paths.FulfillmentPath;
import dev.orders.local.paths.OrderApiPath;
import dev.orders.local.paths.PaymentsPath;
import dev.orders.local.plan.CapacityPlanner;
import dev.orders.local.plan.PathName;
import dev.orders.local.plan.Plan;
import dev.orders.local.plan.PlanInputs;
import dev.orders.local.template.SamTemplate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The production test's second question: the store slows down under steady load. Orders arrive at a fixed rate (an
 * open load: a slower platform does not slow the arrivals), each paid at once by the provider's callback and picked a
 * second later on the stream; the store is slowed by a port fault for the middle phase, then restored. The capacity
 * planner, given the rates, the durations measured in the baseline phase and the added latency, predicts OrderApi's
 * concurrency and whether callers see 500s; the drill sets beside it what the platform recorded.
 */
final class SlowDependencyScenario {

    static final String NAME = "slow-dependency";
    static final String FUNCTION = OrderApiPath.FUNCTION;
    /** The functions of the planned paths (api, payments, fulfillment), in the order work flows through them. */
    static final List<String> PLANNED =
            List.of(FUNCTION, PaymentsPath.WEBHOOK, PaymentsPath.EVENTS, FulfillmentPath.FUNCTION);

    /** The load and the phases; {@code latency} is added to every store call during the slow phase. */
    record Settings(
            double rps,
            Duration latency,
            Duration warmUp,
            Duration baseline,
            Duration slow,
            Duration recovery,
            Duration drain,
            ScaledAccount account,
            SamTemplate template) {}

    /** One request of the load: when it was sent (real time), its phase, status and latency. */
    record Sample(long sentMillis, String phase, int status, long latencyMillis) {}

    private final DrillClient client;
    private final Settings settings;
    private final Supplier<Instant> platformNow;
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final Set<String> acceptedOrders = ConcurrentHashMap.newKeySet();
    private final Set<String> paymentsAcknowledged = ConcurrentHashMap.newKeySet();
    private final Set<String> recordsAcknowledged = ConcurrentHashMap.newKeySet();

    SlowDependencyScenario(DrillClient client, Settings settings, Supplier<Instant> platformNow) {
        this.client = client;
        this.settings = settings;
        this.platformNow = platformNow;
    }

    Outcome run() {
        long latencyMs = settings.latency().toMillis();
        Outcome outcome = new Outcome(
                NAME,
                String.format(
                        "%.0f orders/s (each paid and picked), the store slowed by %d ms per call for %d s, "
                                + "then restored: OrderApi's peak concurrency as the planner predicts (±max(2, 25%%)), 500s when and only when the "
                                + "planner predicts them, recovery, zero acknowledged orders lost, zero duplicate effects",
                        settings.rps(), latencyMs, settings.slow().toSeconds()));
        outcome.figure("ratePerSecond", settings.rps())
                .figure("addedLatencyMillisPerStoreCall", latencyMs)
                .figure("accountConcurrency", settings.account().limit())
                .figure(
                        "phaseSeconds",
                        Map.of(
                                "warmUp",
                                settings.warmUp().toSeconds(),
                                "baseline",
                                settings.baseline().toSeconds(),
                                "slow",
                                settings.slow().toSeconds(),
                                "recovery",
                                settings.recovery().toSeconds()));

        Load load = new Load();
        Instant[] scaled = new Instant[4];
        long[] real = new long[4];
        // Warm-up (not measured): bursts as wide as OrderApi's concurrency limit create its environments, then the
        // steady
        // load runs a while, so the measured phases start warm, as a service that has been running does.
        warmUp();
        load.start();
        Waits.pause(settings.warmUp().toMillis());
        // Each boundary: the phase switches first, then the instant is taken (the client's phases and the metrics'
        // agree).
        load.phase = "baseline";
        scaled[0] = platformNow.get();
        real[0] = System.currentTimeMillis();
        Waits.pause(settings.baseline().toMillis());
        load.phase = "slow";
        scaled[1] = platformNow.get();
        real[1] = System.currentTimeMillis();
        DrillClient.Reply added = client.addFault(Json.internal()
                .createObjectNode()
                .put("target", "port")
                .put("dependency", "store")
                .put("effect", "latency")
                .put("latency", latencyMs + "ms"));
        if (added.status() != 201) {
            load.stop();
            throw new IllegalStateException("the platform refused the drill's fault: " + added.body());
        }
        String faultId = added.json().path("id").asText();
        Waits.pause(settings.slow().toMillis());
        DrillClient.Reply removed = client.removeFault(faultId);
        load.phase = "recovery";
        scaled[2] = platformNow.get();
        real[2] = System.currentTimeMillis();
        Waits.pause(settings.recovery().toMillis());
        load.stop();
        scaled[3] = platformNow.get();
        real[3] = System.currentTimeMillis();
        outcome.figure(
                "fault",
                Map.of(
                        "id",
                        faultId,
                        "description",
                        added.json().path("description").asText(),
                        "applied",
                        removed.json().path("applied").asLong()));

        // Let the asynchronous paths finish what was acknowledged (bounded), then count.
        Waits.until(
                settings.drain(),
                () -> client.queueBacklog(PaymentsPath.EVENTS) == 0 && client.outboxUnpublished() == 0);

        Map<String, Double> baselineDurations = baselineDurations(scaled[0], scaled[1]);
        Plan baselinePlan = plan(baselineDurations, false);
        Plan slowPlan = plan(baselineDurations, true);
        Plan.FunctionPlan slowApi = slowPlan.function(FUNCTION).orElseThrow();
        Plan.FunctionPlan baseApi = baselinePlan.function(FUNCTION).orElseThrow();
        outcome.figure("plan", planFigures(baseApi, slowApi, baselineDurations));

        // Observed: OrderApi's ConcurrentExecutions (the recorded metric), throttles, client answers and latency per
        // phase.
        Map<String, String> api = Map.of("FunctionName", FUNCTION);
        Instant from = scaled[0].minusSeconds(60);
        Instant to = scaled[3].plusSeconds(60);
        Map<Long, Double> concurrency =
                client.metric("AWS/Lambda", "ConcurrentExecutions", api, "Maximum", 60, from, to);
        Map<Long, Double> throttles = client.metric("AWS/Lambda", "Throttles", api, "Sum", 60, from, to);
        // Whole periods inside each phase (a period straddling two phases belongs to neither).
        double peakSlow = max(concurrency, scaled[1], scaled[2].plusSeconds(60));
        double peakBaseline = max(concurrency, scaled[0].plusSeconds(60), scaled[1].minusSeconds(60));
        double throttledSlow = sum(throttles, scaled[1], scaled[2].plusSeconds(60));
        double throttledBaseline = sum(throttles, scaled[0].plusSeconds(60), scaled[1].minusSeconds(60));

        Map<String, Object> throttling = throttling(baselinePlan, slowPlan, scaled, from, to);
        outcome.figure("throttling", throttling);

        Map<String, Object> phases = new LinkedHashMap<>();
        for (String phase : List.of("baseline", "slow", "recovery")) {
            phases.put(phase, phaseFigures(phase));
        }
        outcome.figure("phases", phases);
        long baseline500 = count("baseline", 500);
        long slow500 = count("slow", 500);

        double expected = slowApi.expectedConcurrency();
        double tolerance = Math.max(2, expected * 0.25);
        outcome.check(
                "OrderApi peak ConcurrentExecutions while slowed vs the planner",
                String.format("%.1f ± %.1f (%s)", expected, tolerance, slowApi.concurrencyLimitName()),
                String.format("%.0f", peakSlow),
                Math.abs(peakSlow - expected) <= tolerance);
        outcome.figure(
                "observed",
                Map.of(
                        "peakConcurrentExecutionsBaseline",
                        peakBaseline,
                        "peakConcurrentExecutionsSlow",
                        peakSlow,
                        "throttlesBaseline",
                        throttledBaseline,
                        "throttlesSlow",
                        throttledSlow));
        boolean predicts500Baseline =
                baseApi.callers() != null && baseApi.callers().answered500PerSecond() > 0;
        boolean predicts500Slow = slowApi.callers() != null && slowApi.callers().answered500PerSecond() > 0;
        outcome.check(
                "baseline: 500s and throttles only if the plan predicts them",
                predicts500Baseline ? "some" : "none",
                baseline500 + " × 500, " + (long) throttledBaseline + " throttles",
                predicts500Baseline == (baseline500 > 0) && predicts500Baseline == (throttledBaseline > 0));
        outcome.check(
                "slowed: 500s and throttles only if the plan predicts them",
                predicts500Slow
                        ? String.format("some (about %.1f/s)", slowApi.callers().answered500PerSecond())
                        : "none",
                slow500 + " × 500, " + (long) throttledSlow + " throttles",
                predicts500Slow == (slow500 > 0) && predicts500Slow == (throttledSlow > 0));

        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> slowThrottling = (Map<String, Map<String, Object>>) throttling.get("slow");
        List<String> predictedWhere = where(slowThrottling, "predicted");
        List<String> observedWhere = where(slowThrottling, "observed");
        outcome.check(
                "slowed: where Lambda throttles (by function)",
                predictedWhere.isEmpty() ? "nowhere" : String.join(", ", predictedWhere),
                observedWhere.isEmpty()
                        ? "nowhere"
                        : observedWhere.stream()
                                .map(f -> f + " ("
                                        + Math.round(
                                                (double) slowThrottling.get(f).get("observedThrottles"))
                                        + ")")
                                .collect(java.util.stream.Collectors.joining(", ")),
                predictedWhere.equals(observedWhere));
        outcome.notes.add(throttlingTable(throttling));

        long recoverMillis = timeToRecover(real[2]);
        outcome.figure("timeToRecoverSeconds", recoverMillis < 0 ? null : recoverMillis / 1000.0);
        outcome.check(
                "recovery after the store is restored",
                "within the recovery phase (" + settings.recovery().toSeconds() + " s)",
                recoverMillis < 0 ? "not recovered" : String.format("%.1f s", recoverMillis / 1000.0),
                recoverMillis >= 0);

        Effects effects = effects();
        outcome.figure("effects", effects.figures());
        outcome.check(
                "acknowledged orders lost",
                "0 of " + acceptedOrders.size() + " (each readable)",
                effects.lostOrders,
                effects.lostOrders == 0);
        outcome.check(
                "acknowledged payments lost",
                "0 of " + paymentsAcknowledged.size() + " (paid, or still queued)",
                effects.lostPayments,
                effects.lostPayments == 0);
        outcome.check(
                "duplicate effects",
                "0 (one OrderAccepted, at most one OrderPaid and one OrderPicked per order)",
                effects.duplicates,
                effects.duplicates == 0);

        charts(outcome, from, to, scaled, expected, slowApi.concurrencyLimit());
        return outcome;
    }

    // ------------------------------------------------------------------------------------------------ the load

    /** Orders at a fixed rate, each on its own virtual thread: placed, paid, then picked a second later. */
    private final class Load {
        volatile String phase = "warm-up";
        private volatile boolean running = true;
        private Thread scheduler;

        void start() {
            long periodNanos = (long) (1_000_000_000L / settings.rps());
            scheduler = Thread.ofPlatform().daemon().name("drill-load").start(() -> {
                long next = System.nanoTime();
                while (running) {
                    String at = phase;
                    Thread.ofVirtual().start(() -> order(at));
                    next += periodNanos;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        try {
                            Thread.sleep(Duration.ofNanos(wait));
                        } catch (InterruptedException stop) {
                            return;
                        }
                    }
                }
            });
        }

        void stop() {
            running = false;
            scheduler.interrupt();
            Waits.pause(2000); // the last orders' payment and pick
        }
    }

    private void warmUp() {
        // As wide as the slowed phase will need (a rough plan: the template's limit, or the default duration slowed),
        // at most 50: a reservation caps it; without one, the unreserved pool would be far more than the load uses.
        Plan.FunctionPlan rough = plan(Map.of(), true).function(FUNCTION).orElseThrow();
        int width = (int) Math.min(50, Math.min(rough.concurrencyLimit(), Math.ceil(rough.expectedConcurrency()) + 2));
        for (int round = 0; round < 3; round++) {
            List<Thread> burst = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                burst.add(Thread.ofVirtual().start(() -> client.placeOrder(DrillClient.newId("drill-warm"))));
            }
            for (Thread t : burst) {
                try {
                    t.join();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void order(String phase) {
        long sent = System.currentTimeMillis();
        long started = System.nanoTime();
        DrillClient.Reply placed;
        try {
            placed = client.placeOrder(DrillClient.newId("drill-load"));
        } catch (RuntimeException unanswered) {
            samples.add(new Sample(sent, phase, 0, (System.nanoTime() - started) / 1_000_000));
            return;
        }
        samples.add(new Sample(sent, phase, placed.status(), (System.nanoTime() - started) / 1_000_000));
        if (placed.status() != 202) {
            return;
        }
        String orderId = placed.json().path("orderId").asText();
        acceptedOrders.add(orderId);
        try {
            if (client.pay(orderId, DrillClient.newId("evt-load")).status() / 100 == 2) {
                paymentsAcknowledged.add(orderId);
            }
            Waits.pause(1000);
            if (client.putFulfillment(DuplicatesScenario.STREAM, orderId, DrillClient.newId("ful-load"), "PICKED")
                            .status()
                    == 200) {
                recordsAcknowledged.add(orderId);
            }
        } catch (RuntimeException unanswered) {
            // not acknowledged: nothing to hold the platform to
        }
    }

    // ------------------------------------------------------------------------------------------------ the plan

    /** Each function's average Duration in the baseline phase (the recorded metric), in seconds. */
    private Map<String, Double> baselineDurations(Instant from, Instant to) {
        Map<String, Double> durations = new LinkedHashMap<>();
        for (String function : List.of(FUNCTION, PaymentsPath.WEBHOOK, PaymentsPath.EVENTS, FulfillmentPath.FUNCTION)) {
            Map<Long, Double> averages =
                    client.metric("AWS/Lambda", "Duration", Map.of("FunctionName", function), "Average", 60, from, to);
            Map<Long, Double> counts =
                    client.metric("AWS/Lambda", "Invocations", Map.of("FunctionName", function), "Sum", 60, from, to);
            double weighted = 0;
            double n = 0;
            for (Map.Entry<Long, Double> a : averages.entrySet()) {
                double c = counts.getOrDefault(a.getKey(), 0.0);
                weighted += a.getValue() * c;
                n += c;
            }
            if (n > 0) {
                durations.put(function, Math.max(0.001, weighted / n / 1000.0));
            }
        }
        return durations;
    }

    private Plan plan(Map<String, Double> durations, boolean slowed) {
        Map<PathName, Double> rates = new EnumMap<>(PathName.class);
        rates.put(PathName.API, settings.rps());
        rates.put(PathName.PAYMENTS, settings.rps());
        rates.put(PathName.FULFILLMENT, settings.rps());
        PlanInputs inputs = new PlanInputs(
                rates,
                Duration.ofMillis((long) (durations.getOrDefault(FUNCTION, 0.05) * 1000) + 1),
                Map.of(),
                Map.of(),
                settings.account().limit(),
                PlanInputs.DEFAULT_SCALING_PER_TEN_SECONDS,
                settings.account().minimumUnreserved(),
                PlanInputs.DEFAULT_RECORD_BYTES);
        for (Map.Entry<String, Double> d : durations.entrySet()) {
            inputs = inputs.withDuration(d.getKey(), Duration.ofNanos((long) (d.getValue() * 1e9)));
        }
        if (slowed) {
            inputs = inputs.withSlow(DependencyCalls.Dependency.STORE, settings.latency());
        }
        return CapacityPlanner.plan(settings.template(), inputs);
    }

    private static Map<String, Object> planFigures(
            Plan.FunctionPlan base, Plan.FunctionPlan slow, Map<String, Double> durations) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("baselineDurationSeconds", durations);
        figures.put("limit", Map.of("name", slow.concurrencyLimitName(), "value", slow.concurrencyLimit()));
        figures.put(
                "baseline",
                Map.of(
                        "durationSeconds",
                        base.durationSeconds(),
                        "concurrencyNeeded",
                        base.concurrencyNeeded(),
                        "expectedConcurrency",
                        base.expectedConcurrency(),
                        "answered500PerSecond",
                        base.callers() == null ? 0 : base.callers().answered500PerSecond()));
        figures.put(
                "slow",
                Map.of(
                        "durationSeconds",
                        slow.durationSeconds(),
                        "concurrencyNeeded",
                        slow.concurrencyNeeded(),
                        "expectedConcurrency",
                        slow.expectedConcurrency(),
                        "answered500PerSecond",
                        slow.callers() == null ? 0 : slow.callers().answered500PerSecond()));
        return figures;
    }

    /**
     * Where the plan puts Lambda's throttles and where the platform recorded them, per planned function and phase: the
     * plan predicts throttles for a function when the concurrency its trigger asks for is above its limit (its
     * reservation or the unreserved pool) and what it can run is pinned at that limit; observed are the recorded
     * {@code Throttles} (Sum) and peak {@code ConcurrentExecutions} (Maximum) over the phase's whole metric periods.
     */
    private Map<String, Object> throttling(Plan baseline, Plan slow, Instant[] scaled, Instant from, Instant to) {
        Map<String, Object> phases = new LinkedHashMap<>();
        Map<String, Map<String, Object>> base = new LinkedHashMap<>();
        Map<String, Map<String, Object>> slowed = new LinkedHashMap<>();
        for (String function : PLANNED) {
            Map<String, String> dimension = Map.of("FunctionName", function);
            Map<Long, Double> concurrency =
                    client.metric("AWS/Lambda", "ConcurrentExecutions", dimension, "Maximum", 60, from, to);
            Map<Long, Double> throttles = client.metric("AWS/Lambda", "Throttles", dimension, "Sum", 60, from, to);
            baseline.function(function)
                    .ifPresent(plan -> base.put(
                            function,
                            throttlingFigures(
                                    plan,
                                    max(concurrency, scaled[0].plusSeconds(60), scaled[1].minusSeconds(60)),
                                    sum(throttles, scaled[0].plusSeconds(60), scaled[1].minusSeconds(60)))));
            slow.function(function)
                    .ifPresent(plan -> slowed.put(
                            function,
                            throttlingFigures(
                                    plan,
                                    max(concurrency, scaled[1], scaled[2].plusSeconds(60)),
                                    sum(throttles, scaled[1], scaled[2].plusSeconds(60)))));
        }
        phases.put("baseline", base);
        phases.put("slow", slowed);
        return phases;
    }

    private static Map<String, Object> throttlingFigures(Plan.FunctionPlan plan, double peak, double throttles) {
        boolean predicted = plan.concurrencyNeeded() > plan.concurrencyLimit() + 1e-9
                && plan.expectedConcurrency() >= plan.concurrencyLimit() - 1e-9;
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("limitName", plan.concurrencyLimitName());
        figures.put("limit", plan.concurrencyLimit());
        figures.put("concurrencyNeeded", plan.concurrencyNeeded());
        figures.put("expectedConcurrency", plan.expectedConcurrency());
        figures.put("predicted", predicted);
        figures.put("observedPeakConcurrentExecutions", peak);
        figures.put("observedThrottles", throttles);
        figures.put("observed", throttles > 0);
        return figures;
    }

    /** The functions whose {@code flag} (predicted, observed) is set, in the paths' order. */
    private static List<String> where(Map<String, Map<String, Object>> byFunction, String flag) {
        return byFunction.entrySet().stream()
                .filter(e -> Boolean.TRUE.equals(e.getValue().get(flag)))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The report's table: per phase and function, the plan's limit, need and throttles beside the recorded ones. */
    @SuppressWarnings("unchecked")
    private static String throttlingTable(Map<String, Object> throttling) {
        StringBuilder md = new StringBuilder(
                "Where Lambda throttles, per function: the plan's prediction beside the recorded metrics.\n\n"
                        + "| phase | function | limit | needed (plan) | expected (plan) | throttles predicted "
                        + "| peak ConcurrentExecutions | Throttles |\n|---|---|---|---|---|---|---|---|\n");
        throttling.forEach((phase, functions) -> ((Map<String, Map<String, Object>>) functions)
                .forEach((function, f) -> md.append(String.format(
                        "| %s | %s | %.0f (%s) | %.2f | %.2f | %s | %.0f | %.0f |\n",
                        phase,
                        function,
                        (double) f.get("limit"),
                        f.get("limitName"),
                        (double) f.get("concurrencyNeeded"),
                        (double) f.get("expectedConcurrency"),
                        Boolean.TRUE.equals(f.get("predicted")) ? "yes" : "no",
                        (double) f.get("observedPeakConcurrentExecutions"),
                        (double) f.get("observedThrottles")))));
        return md.toString();
    }

    // ------------------------------------------------------------------------------------------------ measurements

    private Map<String, Object> phaseFigures(String phase) {
        List<Long> latencies = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (Sample s : samples) {
            if (s.phase().equals(phase)) {
                latencies.add(s.latencyMillis());
                statuses.merge(s.status(), 1, Integer::sum);
            }
        }
        Collections.sort(latencies);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("requests", latencies.size());
        figures.put("statuses", statuses);
        figures.put("p50Millis", percentile(latencies, 0.50));
        figures.put("p95Millis", percentile(latencies, 0.95));
        figures.put("p99Millis", percentile(latencies, 0.99));
        return figures;
    }

    private long count(String phase, int status) {
        return samples.stream()
                .filter(s -> s.phase().equals(phase) && s.status() == status)
                .count();
    }

    private static Long percentile(List<Long> sorted, double p) {
        return sorted.isEmpty()
                ? null
                : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    /**
     * From the store's restoration to the start of the first second whose requests all succeeded with a p95 within
     * twice the baseline's p95 plus 100 ms, after which no request failed through the end of the recovery phase; −1
     * when that never happened. (A latency blip after recovery does not undo it; a failure does.)
     */
    private long timeToRecover(long restoredMillis) {
        List<Long> baseline = samples.stream()
                .filter(s -> s.phase().equals("baseline"))
                .map(Sample::latencyMillis)
                .sorted()
                .toList();
        Long p95 = percentile(baseline, 0.95);
        long bound = (p95 == null ? 0 : p95 * 2) + 100;
        Map<Long, List<Sample>> seconds = new TreeMap<>();
        samples.stream()
                .filter(s -> s.phase().equals("recovery"))
                .forEach(s -> seconds.computeIfAbsent((s.sentMillis() - restoredMillis) / 1000, k -> new ArrayList<>())
                        .add(s));
        Long recoveredAt = null;
        for (Map.Entry<Long, List<Sample>> second : seconds.entrySet()) {
            boolean succeeded = second.getValue().stream().allMatch(s -> s.status() == 202);
            List<Long> l = second.getValue().stream()
                    .map(Sample::latencyMillis)
                    .sorted()
                    .toList();
            if (!succeeded) {
                recoveredAt = null;
            } else if (recoveredAt == null && percentile(l, 0.95) <= bound) {
                recoveredAt = second.getKey();
            }
        }
        return recoveredAt == null ? -1 : recoveredAt * 1000;
    }

    private record Effects(
            long lostOrders, long lostPayments, long duplicates, long paid, long picked, long queuedPayments) {
        Map<String, Object> figures() {
            return Map.of(
                    "lostOrders",
                    lostOrders,
                    "lostPayments",
                    lostPayments,
                    "duplicateEffects",
                    duplicates,
                    "ordersPaid",
                    paid,
                    "ordersPicked",
                    picked,
                    "paymentsStillQueued",
                    queuedPayments);
        }
    }

    private Effects effects() {
        Map<String, Integer> accepted = eventsByOrder("OrderAccepted");
        Map<String, Integer> paid = eventsByOrder("OrderPaid");
        Map<String, Integer> picked = eventsByOrder("OrderPicked");
        long lostOrders =
                acceptedOrders.stream().filter(id -> !client.orderStored(id)).count();
        long queued = client.queueBacklog(PaymentsPath.EVENTS);
        long unpaid = paymentsAcknowledged.stream()
                .filter(id -> !paid.containsKey(id))
                .count();
        long lostPayments = Math.max(0, unpaid - queued);
        long duplicates = acceptedOrders.stream()
                .filter(id -> accepted.getOrDefault(id, 0) != 1
                        || paid.getOrDefault(id, 0) > 1
                        || picked.getOrDefault(id, 0) > 1)
                .count();
        return new Effects(
                lostOrders,
                lostPayments,
                duplicates,
                paid.keySet().stream().filter(acceptedOrders::contains).count(),
                picked.keySet().stream().filter(acceptedOrders::contains).count(),
                queued);
    }

    private Map<String, Integer> eventsByOrder(String detailType) {
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode event : client.local("events?detail-type=" + detailType)) {
            counts.merge(event.path("detail").path("orderId").asText(), 1, Integer::sum);
        }
        return counts;
    }

    private static double max(Map<Long, Double> series, Instant from, Instant to) {
        return series.entrySet().stream()
                .filter(e -> e.getKey() >= from.getEpochSecond() / 60 * 60 && e.getKey() < to.getEpochSecond())
                .mapToDouble(Map.Entry::getValue)
                .max()
                .orElse(0);
    }

    private static double sum(Map<Long, Double> series, Instant from, Instant to) {
        return series.entrySet().stream()
                .filter(e -> e.getKey() >= from.getEpochSecond() / 60 * 60 && e.getKey() < to.getEpochSecond())
                .mapToDouble(Map.Entry::getValue)
                .sum();
    }

    // ------------------------------------------------------------------------------------------------ charts

    private void charts(Outcome outcome, Instant from, Instant to, Instant[] scaled, double expected, double limit) {
        List<long[]> slowBand = List.of(new long[] {scaled[1].getEpochSecond(), scaled[2].getEpochSecond()});
        Map<String, String> api = Map.of("FunctionName", FUNCTION);
        Map<String, Map<Long, Double>> concurrency = new LinkedHashMap<>();
        concurrency.put(
                "ConcurrentExecutions (Maximum)",
                client.metric("AWS/Lambda", "ConcurrentExecutions", api, "Maximum", 60, from, to));
        concurrency.put(
                "UnreservedConcurrentExecutions (account, Maximum)",
                client.metric("AWS/Lambda", "UnreservedConcurrentExecutions", Map.of(), "Maximum", 60, from, to));
        concurrency.put(
                String.format("planner: %.1f while slowed", expected),
                Map.of(scaled[1].getEpochSecond(), expected, scaled[2].getEpochSecond(), expected));
        concurrency.put(
                String.format("limit %.0f", limit), Map.of(from.getEpochSecond(), limit, to.getEpochSecond(), limit));
        outcome.charts.add(new Outcome.Chart(
                "OrderApi concurrency (shaded: the store slowed)",
                NAME + "-concurrency.svg",
                "executions",
                concurrency,
                slowBand));
        Map<String, Map<Long, Double>> duration = new LinkedHashMap<>();
        duration.put("OrderApi Duration p95", client.metric("AWS/Lambda", "Duration", api, "p95", 60, from, to));
        duration.put("OrderApi Duration p50", client.metric("AWS/Lambda", "Duration", api, "p50", 60, from, to));
        outcome.charts.add(
                new Outcome.Chart("OrderApi duration", NAME + "-duration.svg", "milliseconds", duration, slowBand));
        Map<String, Map<Long, Double>> errors = new LinkedHashMap<>();
        errors.put("OrderApi Throttles", client.metric("AWS/Lambda", "Throttles", api, "Sum", 60, from, to));
        errors.put("OrderApi Invocations", client.metric("AWS/Lambda", "Invocations", api, "Sum", 60, from, to));
        outcome.charts.add(new Outcome.Chart(
                "OrderApi invocations and throttles per minute", NAME + "-throttles.svg", "count", errors, slowBand));
        Map<String, Map<Long, Double>> backlog = new LinkedHashMap<>();
        backlog.put(
                "payments queue visible",
                client.metric(
                        "AWS/SQS",
                        "ApproximateNumberOfMessagesVisible",
                        Map.of("QueueName", PaymentsPath.QUEUE),
                        "Maximum",
                        60,
                        from,
                        to));
        backlog.put(
                "fulfillment IteratorAge (s)",
                scale(
                        client.metric(
                                "AWS/Lambda",
                                "IteratorAge",
                                Map.of("FunctionName", FulfillmentPath.FUNCTION),
                                "Maximum",
                                60,
                                from,
                                to),
                        0.001));
        outcome.charts.add(new Outcome.Chart(
                "Queue depth and iterator age", NAME + "-backlog.svg", "messages / seconds", backlog, slowBand));
        outcome.figure(
                "series",
                Map.of(
                        "queueDepthMax",
                        backlog.get("payments queue visible").values().stream()
                                .mapToDouble(d -> d)
                                .max()
                                .orElse(0),
                        "iteratorAgeMaxSeconds",
                        backlog.get("fulfillment IteratorAge (s)").values().stream()
                                .mapToDouble(d -> d)
                                .max()
                                .orElse(0)));
        Map<String, Map<Long, Double>> fault = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> f = (Map<String, Object>) outcome.figures.get("fault");
        fault.put(
                "FaultActive " + f.get("id"),
                client.metric(
                        FaultMetrics.NAMESPACE,
                        "FaultActive",
                        Map.of("FaultId", (String) f.get("id")),
                        "Maximum",
                        60,
                        from,
                        to));
        outcome.charts.add(new Outcome.Chart(
                "The store's latency fault (FaultActive)", NAME + "-fault.svg", "1 = on", fault, List.of()));
    }

    private static Map<Long, Double> scale(Map<Long, Double> series, double factor) {
        Map<Long, Double> scaled = new TreeMap<>();
        series.forEach((t, v) -> scaled.put(t, v * factor));
        return scaled;
    }
}
