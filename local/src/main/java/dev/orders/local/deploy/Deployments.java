package dev.orders.local.deploy;

import dev.orders.local.faults.FunctionFault;
import dev.orders.local.faults.FunctionFaults;
import dev.orders.local.lambda.AsyncInvocations;
import dev.orders.local.lambda.LambdaException;
import dev.orders.local.lambda.LambdaObserver;
import dev.orders.local.lambda.LambdaService;
import dev.orders.local.lambda.Version;
import dev.orders.local.lambdaapi.VersionsInUse;
import dev.orders.local.metrics.alarms.Alarms;
import dev.orders.local.paths.DeploymentHooksPath;
import dev.orders.local.store.Database;
import dev.orders.local.template.SamTemplate;
import dev.orders.local.time.TimeScale;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code sam deploy} and CodeDeploy do with a new build, locally: every function whose code or configuration
 * changed gets a new version; one without a {@code DeploymentPreference} moves {@code live} at once; one with it gets
 * a CodeDeploy deployment ({@link FunctionDeployment}: PreTraffic hook, traffic shifted by the deployment type while
 * its alarms are watched, PostTraffic hook, rollback). The deployments of one run go side by side, as CloudFormation
 * updates the aliases of one stack; if one fails, the stack rolls back: the others stop and every alias of the run
 * goes back. One run at a time (CloudFormation refuses an update while one is in progress).
 * <p>
 * The run's clock: the platform's {@link TimeScale} runs at the run's scale while it lasts (metric periods, alarm
 * evaluation, asynchronous retries and the deployment's intervals together), then returns to its own.
 */
public final class Deployments implements VersionsInUse, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Deployments.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    /** Without {@code --time-scale}: a 10-minute canary in 10 s. */
    public static final double DEFAULT_TIME_SCALE = 60;

    /** What {@code ./orders deploy} asks for. */
    public record Request(double timeScale, List<FunctionFault> faults) {
        public Request {
            faults = List.copyOf(faults);
        }
    }

    /** A run as a follower sees it. */
    public record RunStatus(
            String run,
            boolean done,
            String outcome,
            boolean succeeded,
            List<DeploymentStore.Event> events,
            List<DeploymentRecord> deployments) {}

    /** Refused before anything changed (bad input: 400). */
    public static final class Refused extends IllegalArgumentException {
        Refused(String message) {
            super(message);
        }
    }

    /** A run is already going (409). */
    public static final class Busy extends IllegalStateException {
        Busy(String message) {
            super(message);
        }
    }

    final LambdaService lambda;
    final AsyncInvocations async;
    final Alarms alarms;
    final TimeScale time;
    final DeploymentStore store;
    final Map<String, DeploymentPreference> preferences;
    final DeploymentHooksPath hooks;
    final SamTemplate template;
    final FunctionFaults faults;
    final HookExecutions executions;
    final VersionCounts counts = new VersionCounts();
    final Clock real = Clock.systemUTC();
    private final Map<String, Map<String, String>> inUse = new ConcurrentHashMap<>();
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private volatile Run current;

    public Deployments(
            LambdaService lambda,
            AsyncInvocations async,
            Alarms alarms,
            TimeScale time,
            Database db,
            Map<String, DeploymentPreference> preferences,
            DeploymentHooksPath hooks,
            SamTemplate template,
            FunctionFaults faults,
            HookExecutions executions) {
        this.lambda = lambda;
        this.async = async;
        this.alarms = alarms;
        this.time = time;
        this.store = new DeploymentStore(db);
        this.preferences = Map.copyOf(preferences);
        this.hooks = hooks;
        this.template = template;
        this.faults = faults;
        this.executions = executions;
        recover();
    }

    /** A deployment the platform stopped in the middle of: its alias back to the old version, the deployment Stopped. */
    private void recover() {
        for (DeploymentRecord d : store.interrupted()) {
            String reason = "the platform stopped during the deployment";
            try {
                lambda.updateAlias(
                        d.function(), LambdaService.LIVE, Optional.of(d.fromVersion()), Optional.of(Map.of()));
                reason += "; " + LambdaService.LIVE + " back to " + d.fromVersion();
            } catch (RuntimeException gone) {
                reason += "; " + LambdaService.LIVE + " could not be set back: " + gone.getMessage();
            }
            store.put(d.progressed(
                    "Stopped",
                    d.phase(),
                    0,
                    d.weight() > 0,
                    reason,
                    Optional.of(real.instant()),
                    d.newInvocations(),
                    d.newErrors(),
                    d.oldInvocations(),
                    d.oldErrors()));
            LOG.warn("deployment {} of {}: {}", d.id(), d.function(), reason);
        }
    }

    /** What counts each version's traffic: the platform adds it to Lambda's observers. */
    public LambdaObserver observer() {
        return counts;
    }

    /** Starts a run in the background; answers its id. {@link Refused} for bad input, {@link Busy} while a run goes on. */
    public synchronized String start(Request request) {
        if (!(request.timeScale() >= 1 && request.timeScale() <= 10_000)) {
            throw new Refused("the time scale is a factor from 1 to 10000, not " + request.timeScale());
        }
        List<String> names = lambda.names();
        for (FunctionFault fault : request.faults()) {
            if (!names.contains(fault.function())) {
                throw new Refused("--inject '" + fault.spec() + "': no function " + fault.function() + " (functions: "
                        + names + ")");
            }
        }
        if (current != null && !current.done) {
            throw new Busy(
                    "deployment run " + current.id + " is in progress; wait for it to end (./orders deployments)");
        }
        Run run = new Run(this, "run-" + id(8), request);
        runs.put(run.id, run);
        current = run;
        run.thread = Thread.ofPlatform().name("deploy-" + run.id).daemon().start(run::execute);
        return run.id;
    }

    /** The platform stops: a run in progress stops too, its aliases back, before Lambda and the database close. */
    @Override
    public void close() {
        Run run = current;
        if (run == null || run.done) {
            return;
        }
        run.deployments.forEach(d -> d.stop("the platform is stopping"));
        try {
            run.thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A run's progress lines after {@code after}, and its deployments. */
    public Optional<RunStatus> status(String run, long after) {
        Run live = runs.get(run);
        List<DeploymentRecord> deployments = store.list(Optional.of(run), 100);
        if (live == null && deployments.isEmpty()) {
            return Optional.empty();
        }
        boolean done = live == null || live.done;
        String outcome = live == null ? "Ended" : live.outcome;
        boolean succeeded = live != null
                ? live.succeeded
                : deployments.stream().allMatch(d -> d.status().equals("Succeeded"));
        return Optional.of(new RunStatus(run, done, outcome, succeeded, store.events(run, after), deployments));
    }

    /** Past and present deployments, newest first. */
    public List<DeploymentRecord> list(int limit) {
        return store.list(Optional.empty(), limit);
    }

    /** The run in progress, if any. */
    public Optional<String> inProgress() {
        Run run = current;
        return run == null || run.done ? Optional.empty() : Optional.of(run.id);
    }

    /** A deployment of the run in progress that has not ended (the dashboard's panel), if any. */
    public Optional<DeploymentRecord> current() {
        return inProgress()
                .flatMap(run -> store.list(Optional.of(run), 100).stream()
                        .filter(DeploymentRecord::inProgress)
                        .findFirst());
    }

    @Override
    public Map<String, String> of(String function) {
        return Map.copyOf(inUse.getOrDefault(function, Map.of()));
    }

    void use(String function, String version, String reason) {
        inUse.computeIfAbsent(function, f -> new ConcurrentHashMap<>()).put(version, reason);
    }

    void release(String function) {
        inUse.remove(function);
    }

    static String id(int length) {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < length; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    /** One {@code ./orders deploy}: publish, deploy side by side, roll the stack back if one fails. */
    static final class Run {

        final Deployments owner;
        final String id;
        final Request request;
        final AtomicLong seq = new AtomicLong();
        volatile boolean done;
        volatile String outcome = "InProgress";
        volatile boolean succeeded;
        volatile Thread thread;
        final List<FunctionDeployment> deployments = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** Faults on hooks ($LATEST): this run's only, removed when it ends. */
        final List<FunctionFault> hookFaults = new java.util.concurrent.CopyOnWriteArrayList<>();

        Run(Deployments owner, String id, Request request) {
            this.owner = owner;
            this.id = id;
            this.request = request;
        }

        void line(String line) {
            LOG.info("{}: {}", id, line);
            owner.store.event(id, seq.incrementAndGet(), owner.real.instant(), line);
        }

        void execute() {
            double previous = owner.time.factor();
            owner.time.rescale(request.timeScale());
            line("time scale ×" + Display.factor(request.timeScale()) + ": one CodeDeploy minute takes "
                    + Display.duration(owner.time.realDelay(Duration.ofMinutes(1))) + ", a hook's 1-hour timeout "
                    + Display.duration(owner.time.realDelay(Duration.ofHours(1))));
            Map<String, String> movedAtOnce = new LinkedHashMap<>();
            try {
                List<String> names = owner.lambda.names();
                Map<String, Version> published = publishAll(names);
                for (String function : names) {
                    plan(function, published.get(function), movedAtOnce);
                }
                if (deployments.isEmpty()) {
                    outcome = movedAtOnce.isEmpty() ? "NoChanges" : "Succeeded";
                    succeeded = true;
                    line(
                            movedAtOnce.isEmpty()
                                    ? "nothing changed: no function has new code or configuration, nothing to deploy"
                                    : "done: no function with a DeploymentPreference changed");
                    return;
                }
                List<Thread> threads = new ArrayList<>();
                // the deployment that failed first: the others it stops name it as the cause
                java.util.concurrent.atomic.AtomicReference<FunctionDeployment> cause =
                        new java.util.concurrent.atomic.AtomicReference<>();
                for (FunctionDeployment deployment : deployments) {
                    threads.add(Thread.ofPlatform()
                            .name("deploy-" + deployment.function)
                            .daemon()
                            .start(() -> {
                                deployment.run();
                                if (!deployment.succeeded() && cause.compareAndSet(null, deployment)) {
                                    deployments.forEach(other -> other.stop("stack rollback: " + deployment.function
                                            + "'s deployment " + deployment.id + " "
                                            + deployment.record().status().toLowerCase()));
                                }
                            }));
                }
                for (Thread thread : threads) {
                    thread.join();
                }
                List<FunctionDeployment> failed =
                        deployments.stream().filter(d -> !d.succeeded()).toList();
                if (failed.isEmpty()) {
                    outcome = "Succeeded";
                    succeeded = true;
                } else {
                    FunctionDeployment first = cause.get() != null ? cause.get() : failed.getFirst();
                    for (FunctionDeployment d : deployments) {
                        if (d.succeeded()) {
                            d.rollBackCompleted("stack rollback: " + first.function + "'s deployment " + first.id + " "
                                    + first.record().status().toLowerCase());
                        }
                    }
                    movedAtOnce.forEach(this::moveBack);
                    outcome = first.record().status();
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                outcome = "Stopped";
            } catch (RuntimeException failure) {
                LOG.warn("{} failed", id, failure);
                line("failed: " + failure.getMessage());
                deployments.forEach(d -> d.stop("the run failed: " + failure.getMessage()));
                movedAtOnce.forEach(this::moveBack);
                outcome = "Failed";
            } finally {
                owner.time.rescale(previous);
                owner.faults.remove(hookFaults::contains);
                summary(deployments);
                done = true;
            }
        }

        /** Every function's version of the build, side by side (their SnapStart inits are independent), as sam deploy does. */
        private Map<String, Version> publishAll(List<String> names) throws InterruptedException {
            Map<String, java.util.concurrent.Future<Version>> futures = new LinkedHashMap<>();
            try (java.util.concurrent.ExecutorService publishing =
                    java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                for (String function : names) {
                    futures.put(function, publishing.submit(() -> publish(function)));
                }
            }
            Map<String, Version> published = new LinkedHashMap<>();
            for (Map.Entry<String, java.util.concurrent.Future<Version>> future : futures.entrySet()) {
                try {
                    published.put(future.getKey(), future.getValue().get());
                } catch (java.util.concurrent.ExecutionException failed) {
                    throw failed.getCause() instanceof RuntimeException e
                            ? e
                            : new IllegalStateException(failed.getCause());
                }
            }
            return published;
        }

        private Version publish(String function) {
            List<FunctionFault> injected = injected(function);
            boolean hook = owner.hooks.environment(function).isPresent();
            if (hook) {
                // CodeDeploy invokes a hook by its name ($LATEST): the fault goes there, for this deployment.
                injected.forEach(f -> {
                    owner.faults.add(f.onVersion(Version.LATEST));
                    hookFaults.add(f.onVersion(Version.LATEST));
                });
                injected.forEach(f -> line(function + ": fault " + f.spec() + " on " + Version.LATEST
                        + " (the hook as CodeDeploy invokes it)"));
            }
            Version published;
            try {
                published = !injected.isEmpty() && !hook
                        ? owner.lambda.publishNewVersion(
                                function,
                                "deployed by ./orders deploy with --inject "
                                        + injected.stream()
                                                .map(FunctionFault::spec)
                                                .toList())
                        : owner.lambda.publishVersion(function, Optional.of("deployed by ./orders deploy"));
            } catch (LambdaException refused) {
                throw new IllegalStateException(
                        function + ": no new version could be published: " + refused.getMessage(), refused);
            }
            if (!hook) {
                for (FunctionFault fault : injected) {
                    owner.faults.add(fault.onVersion(published.version()));
                    line(function + ": version " + published.version() + " published with fault " + fault.spec());
                }
            }
            return published;
        }

        private List<FunctionFault> injected(String function) {
            return request.faults().stream()
                    .filter(f -> f.function().equals(function))
                    .toList();
        }

        /** What the new version gets: nothing (unchanged), {@code live} at once (no preference), or a deployment. */
        private void plan(String function, Version published, Map<String, String> movedAtOnce) {
            List<FunctionFault> injected = injected(function);
            String live = owner.lambda.alias(function, LambdaService.LIVE).functionVersion();
            if (published.version().equals(live)) {
                return;
            }
            if (injected.isEmpty() && owner.faults.attachedTo(function, published.version())) {
                // The newest version is an earlier rehearsal (the same build, published again with a fault): the build
                // did not change since, so there is nothing to deploy; a changed build gets a version of its own.
                return;
            }
            Optional<DeploymentPreference> preference =
                    Optional.ofNullable(owner.preferences.get(function)).filter(DeploymentPreference::enabled);
            if (preference.isEmpty()) {
                owner.lambda.updateAlias(
                        function, LambdaService.LIVE, Optional.of(published.version()), Optional.of(Map.of()));
                movedAtOnce.put(function, live);
                line(function + ": version " + published.version() + " published, " + LambdaService.LIVE + " " + live
                        + " → " + published.version() + " at once (no DeploymentPreference)");
                return;
            }
            deployments.add(new FunctionDeployment(
                    owner,
                    this,
                    preference.get(),
                    live,
                    published.version(),
                    injected.stream().map(FunctionFault::spec).toList()));
        }

        private void moveBack(String function, String version) {
            owner.lambda.updateAlias(function, LambdaService.LIVE, Optional.of(version), Optional.of(Map.of()));
            line(function + ": stack rollback, " + LambdaService.LIVE + " back to " + version);
        }

        private void summary(List<FunctionDeployment> deployments) {
            for (FunctionDeployment d : deployments) {
                DeploymentRecord r = d.record();
                line("summary " + r.function() + " " + r.id() + ": " + r.status()
                        + (r.rolledBack() ? " (rolled back)" : "")
                        + ", " + LambdaService.LIVE + " → "
                        + (r.status().equals("Succeeded") ? r.toVersion() : r.fromVersion())
                        + ", " + r.fromVersion() + " → " + r.toVersion() + " by " + r.type() + " in "
                        + Display.duration(r.took(owner.real.instant())) + "; version " + r.toVersion() + " served "
                        + r.newInvocations() + " invocations, " + r.newErrors() + " errors; version " + r.fromVersion()
                        + " "
                        + r.oldInvocations() + ", " + r.oldErrors()
                        + (r.reason().isEmpty() ? "" : "; " + r.reason()));
            }
            line("outcome: " + outcome);
        }
    }

    /** Figures as the progress lines print them. */
    static final class Display {
        private Display() {}

        static String factor(double factor) {
            return factor == Math.rint(factor) ? String.valueOf((long) factor) : String.valueOf(factor);
        }

        static String duration(Duration d) {
            long millis = d.toMillis();
            if (millis < 1000) {
                return millis + " ms";
            }
            if (millis < 120_000) {
                return String.format("%.1f s", millis / 1000.0);
            }
            return String.format("%.1f min", millis / 60_000.0);
        }

        static String percent(double weight) {
            double p = weight * 100;
            return (p == Math.rint(p) ? String.valueOf((long) p) : String.format("%.1f", p)) + "%";
        }

        static Instant now() {
            return Instant.now();
        }
    }
}
