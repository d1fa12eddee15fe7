package dev.orders.local.drill;

import dev.orders.local.LocalPlatform;
import dev.orders.local.deploy.DeploymentPreference;
import dev.orders.local.metrics.Observability;
import dev.orders.local.metrics.runtime.FaultMetrics;
import dev.orders.local.paths.FulfillmentPath;
import dev.orders.local.paths.NotificationsPath;
import dev.orders.local.paths.OrderApiPath;
import dev.orders.local.paths.PaymentsPath;
import dev.orders.local.store.Faults;
import dev.orders.local.template.LocalNames;
import dev.orders.local.template.SamTemplate;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code ./orders drill}: the article's production test against a platform, its own (a temporary data folder, a
 * time scale so metric periods pass in seconds) or a running one, scenario by scenario, then the report.
 */
public final class Drill {

    public enum Scenario {
        DUPLICATES("duplicates"),
        SLOW_DEPENDENCY("slow-dependency"),
        BAD_CANARY("bad-canary");

        private final String label;

        Scenario(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static List<Scenario> parse(String text) {
            if (text.equals("all")) {
                return List.of(values());
            }
            for (Scenario s : values()) {
                if (s.label.equals(text)) {
                    return List.of(s);
                }
            }
            throw new IllegalArgumentException(
                    "--scenario must be duplicates, slow-dependency, bad-canary or all, got '" + text + "'");
        }
    }

    /**
     * {@code copies}: duplicates per event; {@code full}: the full configuration (the SQS redelivery waits out the payment
     * queue's visibility timeout; the slow-dependency phases are minutes, not seconds); {@code accountConcurrency}: the
     * scaled account (the template's reservations scale with it); {@code template}: the template the own platform runs
     * and the planner reads (empty: the bundled one, {@code infra/template.yaml}).
     */
    public record Settings(
            List<Scenario> scenarios,
            Path report,
            int copies,
            boolean full,
            double timeScale,
            int accountConcurrency,
            double rps,
            Duration latency,
            Optional<Path> template) {

        public Settings {
            template.ifPresent(file -> {
                if (!Files.isRegularFile(file)) {
                    throw new IllegalArgumentException("--template: no file at " + file.toAbsolutePath());
                }
            });
        }

        /** The template's text, its reservations scaled to the drill's account. */
        SamTemplate scaledTemplate() {
            String text;
            try {
                text = template.isPresent() ? Files.readString(template.get()) : SamTemplate.bundledText();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the template " + template.get(), e);
            }
            return SamTemplate.parse(new ScaledAccount(accountConcurrency).scale(text));
        }
    }

    /** The platform the drill runs against: its URL and its data folder (tokens, the provider's secret, the mailbox). */
    public record Target(String url, Path data) {}

    private final Settings settings;
    private final PrintWriter out;
    private final SamTemplate template;

    /** Reads the template once (a template that cannot be read or parsed is refused here, before any platform starts). */
    public Drill(Settings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
        this.template = settings.scaledTemplate();
    }

    /** Starts a platform of its own on a temporary data folder, drills it, closes it; true when every verdict passed. */
    public boolean runOwn() {
        return runOwn((platform, data) -> {});
    }

    /**
     * As {@link #runOwn()}, with {@code prepare} given the platform and its data folder before the drill starts: the
     * drill's own tests wire a mutation of the system under test there (idempotency switched off) to prove a scenario
     * catches it.
     */
    boolean runOwn(BiConsumer<LocalPlatform, Path> prepare) {
        Path data;
        try {
            data = Files.createTempDirectory("orders-drill-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println("drill: starting a platform on " + data + " (time scale " + settings.timeScale() + ")");
        out.flush();
        ScaledAccount account = new ScaledAccount(settings.accountConcurrency());
        try (LocalPlatform platform = LocalPlatform.open(
                        data,
                        Faults.none(),
                        template,
                        new Observability.Settings(settings.timeScale(), Map.of()),
                        account.lambda())
                .start(0)) {
            prepare.accept(platform, data);
            return run(new Target(platform.url(), data));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(data);
        }
    }

    public boolean run(Target target) {
        Instant started = Instant.now();
        DrillClient client = new DrillClient(target.url(), target.data(), "drill-customer");
        List<Outcome> outcomes = new ArrayList<>();
        Supplier<Instant> platformNow = platformClock(client);
        for (Scenario scenario : settings.scenarios()) {
            out.println("drill: " + scenario.label() + " …");
            out.flush();
            Instant from = platformNow.get();
            Outcome outcome;
            boolean ended = false;
            try {
                outcome = scenario(scenario, client, platformNow);
                ended = true;
            } catch (RuntimeException stopped) {
                // A scenario that stops (the platform refused a fault, a deployment never ended) is a failed verdict
                // with its reason in the report, and the next scenario still runs.
                outcome = new Outcome(scenario.label(), "the scenario runs to its end")
                        .check("the scenario ran to its end", "no error", stopped.toString(), false);
                out.println("drill: " + scenario.label() + " stopped: " + stopped);
                stopped.printStackTrace(out);
            }
            Instant to = platformNow.get();
            if (ended && outcome.unavailableReason() == null) {
                try {
                    charts(client, outcome, from, to);
                } catch (RuntimeException noCharts) {
                    outcome.notes.add("The invocation and fault charts could not be drawn: " + noCharts);
                }
            }
            outcomes.add(outcome);
            out.println("drill: " + scenario.label() + ": " + outcome.verdict());
            outcome.checks.stream()
                    .filter(c -> !c.pass())
                    .forEach(c -> out.println(
                            "  FAILED " + c.name() + ": expected " + c.expected() + ", measured " + c.measured()));
            out.flush();
        }
        Duration took = Duration.between(started, Instant.now());
        DrillReport.write(settings.report(), target.url(), started, took, outcomes);
        boolean passed = DrillReport.passed(outcomes);
        out.println("drill: " + (passed ? "PASS" : "FAIL") + " in " + took.toSeconds() + " s; report in "
                + settings.report().resolve("report.md"));
        out.flush();
        return passed;
    }

    private Outcome scenario(Scenario scenario, DrillClient client, Supplier<Instant> platformNow) {
        return switch (scenario) {
            case DUPLICATES ->
                new DuplicatesScenario(
                                client,
                                new DuplicatesScenario.Settings(
                                        settings.copies(),
                                        settings.full() ? Optional.of(Duration.ofSeconds(150)) : Optional.empty()))
                        .run();
            case SLOW_DEPENDENCY -> new SlowDependencyScenario(client, slowSettings(), platformNow).run();
            case BAD_CANARY ->
                new BadCanaryScenario(
                                client,
                                new BadCanaryScenario.Settings(
                                        settings.rps(),
                                        settings.timeScale(),
                                        Duration.ofMinutes(3),
                                        Duration.ofSeconds(3),
                                        watchedAlarms()))
                        .run();
        };
    }

    /** The alarms OrderApi's deployments watch, as the template names them (a template without them: none). */
    private List<String> watchedAlarms() {
        DeploymentPreference preference =
                DeploymentPreference.load(new LocalNames(template, Map.of())).get(BadCanaryScenario.FUNCTION);
        return preference == null ? List.of() : preference.alarms();
    }

    private SlowDependencyScenario.Settings slowSettings() {
        ScaledAccount account = new ScaledAccount(settings.accountConcurrency());
        return settings.full()
                ? new SlowDependencyScenario.Settings(
                        settings.rps(),
                        settings.latency(),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(120),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(150),
                        account,
                        template)
                : new SlowDependencyScenario.Settings(
                        settings.rps(),
                        settings.latency(),
                        Duration.ofSeconds(6),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(12),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(20),
                        account,
                        template);
    }

    /**
     * The platform's own clock (scaled when it runs scaled: where its metrics are), read once and then run forward by
     * its time scale here: asking the platform at each phase boundary would cost a dashboard's worth of queries, a
     * second or more on a loaded machine, which at time scale 60 is a metric minute.
     */
    private static Supplier<Instant> platformClock(DrillClient client) {
        long realAnchor = System.currentTimeMillis();
        com.fasterxml.jackson.databind.JsonNode data = client.local("dashboard/data?minutes=5");
        long scaledAnchor = data.path("now").asLong();
        double factor = data.path("timeScale").asDouble(1);
        return () -> Instant.ofEpochMilli(scaledAnchor + (long) ((System.currentTimeMillis() - realAnchor) * factor));
    }

    private static void charts(DrillClient client, Outcome outcome, Instant from, Instant to) {
        Instant start = from.minusSeconds(60);
        Instant end = to.plusSeconds(60);
        Map<String, Map<Long, Double>> invocations = new LinkedHashMap<>();
        for (String function : List.of(
                OrderApiPath.FUNCTION,
                PaymentsPath.WEBHOOK,
                PaymentsPath.EVENTS,
                FulfillmentPath.FUNCTION,
                NotificationsPath.FUNCTION)) {
            invocations.put(
                    function,
                    client.metric(
                            "AWS/Lambda", "Invocations", Map.of("FunctionName", function), "Sum", 60, start, end));
        }
        Map<String, Map<Long, Double>> faults = new LinkedHashMap<>();
        List<long[]> bands = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> injected =
                (List<Map<String, Object>>) outcome.figures.getOrDefault("faults", List.of());
        for (Map<String, Object> fault : injected) {
            String id = (String) fault.get("id");
            Map<Long, Double> active = client.metric(
                    FaultMetrics.NAMESPACE, "FaultActive", Map.of("FaultId", id), "Maximum", 60, start, end);
            faults.put(id + " " + fault.get("description"), active);
            long first = active.entrySet().stream()
                    .filter(e -> e.getValue() > 0)
                    .mapToLong(Map.Entry::getKey)
                    .min()
                    .orElse(-1);
            long last = active.entrySet().stream()
                    .filter(e -> e.getValue() > 0)
                    .mapToLong(Map.Entry::getKey)
                    .max()
                    .orElse(-1);
            if (first >= 0) {
                bands.add(new long[] {first, last + 60});
            }
        }
        String prefix = outcome.scenario;
        outcome.charts.add(new Outcome.Chart(
                "Invocations per minute (shaded: a fault on)",
                prefix + "-invocations.svg",
                "invocations",
                invocations,
                bands));
        outcome.charts.add(
                new Outcome.Chart("Faults on (FaultActive)", prefix + "-faults.svg", "1 = on", faults, List.of()));
    }

    private static void delete(Path folder) {
        try (Stream<Path> all = Files.walk(folder)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is the system's to clean
        }
    }
}
