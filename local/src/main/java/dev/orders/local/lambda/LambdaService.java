package dev.orders.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.orders.local.store.Database;
import dev.orders.local.template.LocalNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda, locally: functions with published versions (immutable copies of code and configuration, kept in the data
 * folder), aliases with weighted routing, execution environments (one invocation at a time, created on demand with
 * an init, reused warm, reclaimed when idle), provisioned concurrency, SnapStart, and the account's concurrency
 * (reserved, unreserved, the scaling rate) with Lambda's throttles. Every version's code runs in its own class
 * loader behind a boundary of JDK types ({@link IsolatedCode}); its ports cross a {@link PortChannel}.
 */
public final class LambdaService implements LocalLambda, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LambdaService.class);
    /** RequestResponse's payload limit. */
    static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

    static final int TAIL_BYTES = 4096;
    public static final String LIVE = "live";

    private final LambdaSettings settings;
    private final Concurrency concurrency;
    private final VersionStore store;
    private final CodeStore code;
    private final CodeStore runtimePart;
    private final Clock clock;
    private final Map<String, FunctionRuntime> functions = new LinkedHashMap<>();
    private volatile Supplier<CodeStore.Source> latestCode = LatestCode.newestBuild();
    private volatile LambdaObserver observer = LambdaObserver.NONE;
    private volatile PortInterceptor interceptor = PortInterceptor.NONE;
    private volatile InvocationInterceptor invocations = InvocationInterceptor.NONE;
    private final ScheduledExecutorService reaper;

    private LambdaService(LambdaSettings settings, VersionStore store, Path lambdaDir, Clock clock) {
        InvocationOutput.install();
        this.settings = settings;
        this.concurrency = new Concurrency(settings);
        this.store = store;
        this.code = lambdaDir == null ? null : new CodeStore(lambdaDir.resolve("code"));
        this.runtimePart = lambdaDir == null ? null : new CodeStore(lambdaDir.resolve("runtime"));
        this.clock = clock;
        // A test's in-process function keeps its environments (nothing reclaims them, no thread is left behind).
        this.reaper = store == null
                ? null
                : Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().daemon().name("lambda-reclaim").factory());
        if (reaper != null) {
            long period = Math.max(10, Math.min(settings.idleTimeout().toMillis() / 2, 30_000));
            reaper.scheduleWithFixedDelay(this::reclaimIdle, period, period, TimeUnit.MILLISECONDS);
        }
    }

    /** The platform's Lambda: versions and aliases in {@code db}, code under {@code DATA/lambda/}. */
    public static LambdaService open(Path dataDir, Database db, LambdaSettings settings) {
        return new LambdaService(settings, new VersionStore(db), dataDir.resolve("lambda"), Clock.systemUTC());
    }

    /**
     * A test's function: {@code handler} of the runtime's own class path, run by the same environments, concurrency,
     * timeouts and logs, its event and response through the same JSON; $LATEST only (nothing to publish).
     */
    static <I, O> LambdaService inProcess(
            FunctionSettings function, Class<I> input, Class<O> output, RequestHandler<I, O> handler) {
        LambdaService lambda = new LambdaService(LambdaSettings.DEFAULT, null, null, Clock.systemUTC());
        InProcessCode<I, O> code = new InProcessCode<>(handler, input, output);
        lambda.add(
                function,
                new VersionRuntime.Host(List.of(), Map.of(), () -> lambda.interceptor, () -> lambda.observer),
                v -> code);
        function.reservedConcurrency().ifPresent(r -> lambda.concurrency.reserve(function.logicalId(), r));
        return lambda;
    }

    /** Where $LATEST's code comes from (a test points it at a jar it built; by default the newest build). */
    public LambdaService latestCodeFrom(Path jar) {
        this.latestCode = () -> new CodeStore.Source(List.of(jar), true);
        return this;
    }

    public LambdaService observe(LambdaObserver observer) {
        this.observer = observer;
        return this;
    }

    public LambdaObserver observer() {
        return observer;
    }

    /** The one interception point of every port call (dependency faults). */
    public LambdaService intercept(PortInterceptor interceptor) {
        this.interceptor = interceptor;
        return this;
    }

    /** The one interception point of every invocation, around the handler (function faults). */
    public LambdaService interceptInvocations(InvocationInterceptor interceptor) {
        this.invocations = interceptor;
        return this;
    }

    public LambdaSettings settings() {
        return settings;
    }

    /**
     * Adds a function of the template as its path wires it, and answers the handle its triggers invoke it through:
     * always the {@code live} alias, as the template's event sources and integrations do.
     */
    public <I, O> LocalFunction<I, O> register(
            FunctionSettings function, FunctionWiring wiring, Class<I> input, Class<O> output) {
        String declared = function.handler().contains("::")
                ? function.handler().substring(0, function.handler().indexOf("::"))
                : function.handler();
        if (!declared.equals(wiring.handlerClass())) {
            throw new IllegalArgumentException(function.logicalId() + ": the template's Handler is " + declared
                    + " but the path wires " + wiring.handlerClass());
        }
        add(
                function,
                new VersionRuntime.Host(wiring.bindings(), wiring.ports(), () -> interceptor, () -> observer),
                v -> new IsolatedCode(function.logicalId() + ":" + v.name(), v.code.classpath()));
        function.reservedConcurrency().ifPresent(r -> concurrency.reserve(function.logicalId(), r));
        load(function.logicalId());
        return new LocalFunction<>(this, function.logicalId(), Optional.of(LIVE), input, output);
    }

    private synchronized void add(
            FunctionSettings function,
            VersionRuntime.Host host,
            java.util.function.Function<VersionRuntime, VersionCode> loader) {
        if (functions.containsKey(function.logicalId())) {
            throw new IllegalArgumentException(function.logicalId() + " is registered twice");
        }
        functions.put(function.logicalId(), new FunctionRuntime(function.logicalId(), function, host, loader));
    }

    /** The versions and aliases a previous run published. */
    private synchronized void load(String name) {
        FunctionRuntime f = functions.get(name);
        for (VersionStore.Row row : store.versions(name)) {
            FunctionSettings configuration = VersionJson.read(row.configuration());
            CodeStore.Stored stored = code.load(row.codeHex(), row.codeSha256(), row.codeSize());
            CodeStore.Stored runtime = runtimePart.load(row.runtimeHex(), "", 0);
            f.published.put(row.number(), versionRuntime(f, row, configuration, withRuntime(stored, runtime)));
        }
        for (VersionStore.AliasRow alias : store.aliases(name)) {
            f.aliases.put(
                    alias.name(),
                    new Alias(
                            name,
                            alias.name(),
                            alias.version(),
                            VersionJson.weights(alias.weights()),
                            alias.revisionId()));
        }
    }

    private VersionRuntime versionRuntime(
            FunctionRuntime f, VersionStore.Row row, FunctionSettings configuration, CodeStore.Stored stored) {
        Version version = new Version(
                f.name,
                String.valueOf(row.number()),
                row.codeSha256(),
                row.codeSize(),
                row.published(),
                row.description(),
                configuration.snapStart(),
                configuration.info(row.codeSha256(), row.codeSize()));
        return new VersionRuntime(f.name, version, configuration, stored, f.loader, f.host);
    }

    private static CodeStore.Stored withRuntime(CodeStore.Stored code, CodeStore.Stored runtime) {
        List<Path> classpath = new ArrayList<>(code.classpath());
        classpath.addAll(runtime.classpath());
        return new CodeStore.Stored(code.sha256(), code.hex(), code.size(), classpath);
    }

    // ------------------------------------------------------------------------------------------------ deploy

    /**
     * What {@code sam deploy} does with {@code AutoPublishAlias: live}: a function whose code or configuration changed
     * since its newest version (or that has none) gets a new version and {@code live} moves to it, all at once; then
     * the live versions' SnapStart snapshots and provisioned environments are made ready. One line per function
     * that changed.
     */
    public List<String> deploy() {
        List<FunctionRuntime> all;
        synchronized (this) {
            all = List.copyOf(functions.values());
        }
        // Functions deploy side by side (their SnapStart inits are independent), reported in registration order.
        List<CompletableFuture<Optional<String>>> deployments = new ArrayList<>();
        for (FunctionRuntime f : all) {
            CompletableFuture<Optional<String>> deployed = new CompletableFuture<>();
            Thread.ofVirtual().name("deploy-" + f.name).start(() -> {
                try {
                    deployed.complete(deploy(f));
                } catch (Throwable failure) {
                    deployed.completeExceptionally(failure);
                }
            });
            deployments.add(deployed);
        }
        List<String> lines = new ArrayList<>();
        for (CompletableFuture<Optional<String>> deployed : deployments) {
            try {
                deployed.get().ifPresent(lines::add);
            } catch (ExecutionException failed) {
                throw failed.getCause() instanceof RuntimeException e
                        ? e
                        : new IllegalStateException(failed.getCause());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while deploying", interrupted);
            }
        }
        return lines;
    }

    private Optional<String> deploy(FunctionRuntime f) {
        synchronized (f) {
            Optional<VersionRuntime> newest;
            Optional<Alias> live;
            synchronized (this) {
                newest = f.newestPublished();
                live = Optional.ofNullable(f.aliases.get(LIVE));
            }
            Version published = publishVersion(f.name, Optional.of("published by ./orders up"));
            boolean isNew = newest.isEmpty() || !newest.get().name().equals(published.version());
            Optional<String> line = Optional.empty();
            synchronized (this) {
                if (live.isEmpty()) {
                    setAlias(f, LIVE, published.version(), Map.of());
                    line = Optional.of(f.name + ": version " + published.version() + " published, " + LIVE + " → "
                            + published.version());
                } else if (isNew) {
                    String reason = newest.get().code.hex().equals(codeOf(published))
                            ? "configuration changed"
                            : "code changed";
                    setAlias(f, LIVE, published.version(), Map.of());
                    line = Optional.of(f.name + ": " + reason + ", version " + published.version() + " published, "
                            + LIVE + " " + live.get().functionVersion() + " → " + published.version());
                }
            }
            ready(f);
            return line;
        }
    }

    private String codeOf(Version version) {
        return functions
                .get(version.functionName())
                .published
                .get(Integer.parseInt(version.version()))
                .code
                .hex();
    }

    /** The alias's versions get their SnapStart snapshot and their share of provisioned concurrency. */
    private void ready(FunctionRuntime f) {
        Alias live;
        List<VersionRuntime> versions;
        synchronized (this) {
            live = f.aliases.get(LIVE);
            versions = List.copyOf(f.published.values());
        }
        Map<String, Integer> shares = new LinkedHashMap<>();
        int provisioned = f.settings.provisionedConcurrency().orElse(0);
        if (live != null) {
            int extra = 0;
            for (Map.Entry<String, Double> weight :
                    live.additionalVersionWeights().entrySet()) {
                extra = (int) Math.round(provisioned * weight.getValue());
                shares.put(weight.getKey(), extra);
            }
            shares.put(live.functionVersion(), provisioned - extra);
        }
        for (VersionRuntime v : versions) {
            int share = shares.getOrDefault(v.name(), 0);
            try {
                if (shares.containsKey(v.name()) && v.snapStart()) {
                    v.snapshot();
                }
                v.provision(share);
            } catch (Throwable failure) {
                throw new LambdaException(
                        LambdaException.Type.ServiceException,
                        f.name + ":" + v.name() + " could not be made ready: " + failure);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ the API

    @Override
    public synchronized List<FunctionInfo> functions() {
        return functions.values().stream().map(this::info).toList();
    }

    @Override
    public synchronized FunctionInfo function(String name) {
        return info(runtime(name));
    }

    public synchronized FunctionSettings settings(String name) {
        return runtime(name).settings;
    }

    private FunctionInfo info(FunctionRuntime f) {
        if (code == null) {
            return f.settings.info("", 0);
        }
        CodeStore.Stored latest = code.store(latestCode.get());
        return f.settings.info(latest.sha256(), latest.size());
    }

    private FunctionRuntime runtime(String name) {
        FunctionRuntime f = functions.get(name);
        if (f == null) {
            throw LambdaException.notFound("Function not found: " + arn(name, Optional.empty()));
        }
        return f;
    }

    @Override
    public Version publishVersion(String name, Optional<String> description) {
        return publish(name, description, false);
    }

    /**
     * A new version even when neither code nor configuration changed since the latest (what Lambda's PublishVersion
     * would answer with that version): {@code ./orders deploy --inject} publishes the same code again, the injected
     * fault being the change, so that a bad version can be rehearsed without editing code.
     */
    public Version publishNewVersion(String name, String description) {
        return publish(name, Optional.of(description), true);
    }

    private Version publish(String name, Optional<String> description, boolean always) {
        FunctionRuntime f;
        synchronized (this) {
            f = runtime(name);
            if (store == null) {
                throw LambdaException.invalid(name + " runs a test's handler: it has $LATEST only");
            }
        }
        synchronized (f) {
            CodeStore.Stored stored = code.store(latestCode.get());
            CodeStore.Stored runtime = runtimePart.store(LatestCode.runtimePart());
            Optional<VersionRuntime> newest = f.newestPublished();
            if (!always
                    && newest.isPresent()
                    && newest.get().code.hex().equals(stored.hex())
                    && VersionJson.comparable(newest.get().settings).equals(VersionJson.comparable(f.settings))) {
                return newest.get().version;
            }
            refuseSnapStartCombinations(f.settings);
            VersionStore.Row row = store.publish(new VersionStore.Row(
                    name,
                    0,
                    stored.hex(),
                    stored.sha256(),
                    stored.size(),
                    runtime.hex(),
                    clock.instant(),
                    description.orElse(""),
                    VersionJson.write(f.settings)));
            VersionRuntime version = versionRuntime(f, row, f.settings, withRuntime(stored, runtime));
            if (version.snapStart()) {
                try {
                    version.snapshot();
                } catch (Throwable failure) {
                    version.close();
                    store.delete(name, row.number());
                    LOG.warn("{}: SnapStart init of version {} failed", name, row.number(), failure);
                    throw new LambdaException(
                            LambdaException.Type.SnapStartException,
                            "Version " + row.number() + " of " + name
                                    + " failed to initialize for SnapStart (Status: Failed, StateReasonCode: FunctionError): "
                                    + failure.getClass().getName() + ": " + failure.getMessage());
                }
            }
            synchronized (this) {
                f.published.put(row.number(), version);
            }
            return version.version;
        }
    }

    /** Lambda refuses SnapStart with provisioned concurrency, EFS, or more than 512 MB of ephemeral storage. */
    static void refuseSnapStartCombinations(FunctionSettings s) {
        if (!s.snapStart()) {
            return;
        }
        if (s.provisionedConcurrency().isPresent()) {
            throw LambdaException.invalid(
                    "Provisioned concurrency is not supported for functions with SnapStart enabled " + "("
                            + s.logicalId() + ").");
        }
        if (s.fileSystems()) {
            throw LambdaException.invalid(
                    "SnapStart is not supported for functions that use Amazon EFS (" + s.logicalId() + ").");
        }
        if (s.ephemeralStorageMb() > FunctionSettings.DEFAULT_EPHEMERAL_STORAGE_MB) {
            throw LambdaException.invalid(
                    "SnapStart is not supported for functions with ephemeral storage greater than 512 MB ("
                            + s.logicalId() + ": " + s.ephemeralStorageMb() + " MB).");
        }
    }

    @Override
    public synchronized List<Version> versions(String name) {
        FunctionRuntime f = runtime(name);
        List<Version> versions = new ArrayList<>();
        versions.add(latestVersion(f));
        f.published.values().forEach(v -> versions.add(v.version));
        return versions;
    }

    private Version latestVersion(FunctionRuntime f) {
        FunctionInfo info = info(f);
        return new Version(
                f.name,
                Version.LATEST,
                info.latestCodeSha256(),
                info.latestCodeSize(),
                clock.instant(),
                "",
                f.settings.snapStart(),
                info);
    }

    @Override
    public synchronized Optional<Version> version(String name, String qualifier) {
        FunctionRuntime f = runtime(name);
        if (Version.LATEST.equals(qualifier)) {
            return Optional.of(latestVersion(f));
        }
        Alias alias = f.aliases.get(qualifier);
        String number = alias != null ? alias.functionVersion() : qualifier;
        if (Version.LATEST.equals(number)) {
            return Optional.of(latestVersion(f));
        }
        return published(f, number).map(v -> v.version);
    }

    private static Optional<VersionRuntime> published(FunctionRuntime f, String number) {
        if (number == null || !number.matches("[1-9][0-9]{0,9}")) {
            return Optional.empty();
        }
        return Optional.ofNullable(f.published.get(Integer.parseInt(number)));
    }

    @Override
    public synchronized List<Alias> aliases(String name) {
        return List.copyOf(runtime(name).aliases.values());
    }

    @Override
    public synchronized Alias alias(String name, String aliasName) {
        Alias alias = runtime(name).aliases.get(aliasName);
        if (alias == null) {
            throw LambdaException.notFound("Alias not found: " + arn(name, Optional.of(aliasName)));
        }
        return alias;
    }

    @Override
    public Alias updateAlias(
            String name,
            String aliasName,
            Optional<String> functionVersion,
            Optional<Map<String, Double>> additionalVersionWeights) {
        FunctionRuntime f;
        Alias updated;
        synchronized (this) {
            Alias current = alias(name, aliasName);
            f = runtime(name);
            String target = functionVersion.orElse(current.functionVersion());
            Map<String, Double> weights = additionalVersionWeights.orElse(current.additionalVersionWeights());
            if (!Version.LATEST.equals(target) && published(f, target).isEmpty()) {
                throw LambdaException.notFound("Function not found: " + arn(name, Optional.of(target)));
            }
            validateWeights(f, target, weights);
            updated = setAlias(f, aliasName, target, weights);
        }
        if (aliasName.equals(LIVE)) {
            synchronized (f) {
                ready(f);
            }
        }
        return updated;
    }

    private static void validateWeights(FunctionRuntime f, String target, Map<String, Double> weights) {
        if (weights.size() > 1) {
            throw LambdaException.invalid("RoutingConfig: at most one additional version may be given a weight");
        }
        for (Map.Entry<String, Double> weight : weights.entrySet()) {
            if (weight.getValue() == null || weight.getValue() < 0.0 || weight.getValue() > 1.0) {
                throw LambdaException.invalid(
                        "1 validation error detected: Value at 'routingConfig.additionalVersionWeights' failed "
                                + "to satisfy constraint: Map value must satisfy constraint: [Member must have value less than or equal to 1.0, "
                                + "Member must have value greater than or equal to 0.0]");
            }
            if (Version.LATEST.equals(target) || published(f, weight.getKey()).isEmpty()) {
                throw LambdaException.invalid(
                        "Invalid function version " + weight.getKey() + ". Function version " + weight.getKey()
                                + " is not a published version, or the alias points at $LATEST: routing needs two published versions.");
            }
            if (weight.getKey().equals(target)) {
                throw LambdaException.invalid("Invalid function version " + target + ". Function version " + target
                        + " is already included in routing configuration.");
            }
        }
    }

    private Alias setAlias(FunctionRuntime f, String aliasName, String version, Map<String, Double> weights) {
        Alias alias = new Alias(
                f.name,
                aliasName,
                version,
                Map.copyOf(weights),
                UUID.randomUUID().toString());
        if (store != null) {
            store.putAlias(new VersionStore.AliasRow(
                    f.name, aliasName, version, VersionJson.weights(weights), alias.revisionId()));
        }
        f.aliases.put(aliasName, alias);
        return alias;
    }

    @Override
    public void deleteVersion(String name, String version) {
        VersionRuntime removed;
        synchronized (this) {
            FunctionRuntime f = runtime(name);
            if (Version.LATEST.equals(version)) {
                throw LambdaException.invalid("$LATEST version cannot be deleted without deleting the function.");
            }
            Optional<VersionRuntime> existing = published(f, version);
            if (existing.isEmpty()) {
                return; // Lambda answers 204 for a version that is already gone
            }
            List<String> users = f.aliases.values().stream()
                    .filter(a -> a.functionVersion().equals(version)
                            || a.additionalVersionWeights().containsKey(version))
                    .map(Alias::name)
                    .toList();
            if (!users.isEmpty()) {
                throw new LambdaException(
                        LambdaException.Type.ResourceConflictException,
                        "Unable to delete version because the following aliases reference it: " + users);
            }
            removed = f.published.remove(Integer.parseInt(version));
            store.delete(name, Integer.parseInt(version));
        }
        removed.close();
    }

    @Override
    public synchronized OptionalInt reservedConcurrency(String name) {
        runtime(name);
        return concurrency.reserved(name);
    }

    @Override
    public synchronized void putReservedConcurrency(String name, int reserved) {
        runtime(name);
        concurrency.reserve(name, reserved);
    }

    @Override
    public synchronized void deleteReservedConcurrency(String name) {
        runtime(name);
        concurrency.unreserve(name);
    }

    // ------------------------------------------------------------------------------------------------ invoking

    @Override
    public Invocation invoke(String name, Optional<String> qualifier, byte[] payload) {
        return invoke(name, qualifier, payload, UUID.randomUUID().toString());
    }

    @Override
    public Invocation invoke(String name, Optional<String> qualifier, byte[] payload, String requestId) {
        return invoke(name, qualifier, payload, requestId, () -> {});
    }

    /** Where an invocation goes: the version, the resource invoked (metrics), and whether an alias chose the version. */
    private record Target(VersionRuntime version, String resource, boolean viaAlias, String invokedArn) {}

    /** As {@link #invoke}; {@code finished} runs when the handler has really returned (after a timeout, later). */
    Invocation invoke(String name, Optional<String> qualifier, byte[] payload, String requestId, Runnable finished) {
        Target target = target(name, qualifier);
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new LambdaException(
                    LambdaException.Type.RequestTooLargeException,
                    "Request must be smaller than " + MAX_PAYLOAD_BYTES + " bytes for the InvokeFunction operation");
        }
        VersionRuntime version = target.version();
        Concurrency.Admitted admitted;
        try {
            admitted = concurrency.admit(name);
        } catch (LambdaException throttle) {
            observer.throttled(name, target.resource(), throttle.reason().orElse(""));
            throw throttle;
        }
        observer.admitted(name, target.resource(), admitted.function(), admitted.account(), admitted.unreserved());
        Environment idle = version.takeIdle();
        boolean spillover = idle == null && version.provisionedTarget() > 0;
        if (idle == null) {
            try {
                concurrency.scale(name, System.nanoTime());
            } catch (LambdaException throttle) {
                concurrency.release(name);
                observer.throttled(name, target.resource(), throttle.reason().orElse(""));
                throw throttle;
            }
        }
        return run(target, idle, spillover, payload, requestId, finished);
    }

    private synchronized Target target(String name, Optional<String> qualifier) {
        FunctionRuntime f = runtime(name);
        if (qualifier.isEmpty() || qualifier.get().equals(Version.LATEST)) {
            return new Target(latest(f), name, false, arn(name, qualifier));
        }
        String q = qualifier.get();
        Alias alias = f.aliases.get(q);
        if (alias != null) {
            String chosen = alias.functionVersion();
            for (Map.Entry<String, Double> weight :
                    alias.additionalVersionWeights().entrySet()) {
                if (ThreadLocalRandom.current().nextDouble() < weight.getValue()) {
                    chosen = weight.getKey();
                }
            }
            VersionRuntime version = Version.LATEST.equals(chosen)
                    ? latest(f)
                    : published(f, chosen).orElseThrow();
            return new Target(version, name + ":" + q, true, arn(name, qualifier));
        }
        VersionRuntime version = published(f, q)
                .orElseThrow(() -> LambdaException.notFound("Function not found: " + arn(name, qualifier)));
        return new Target(version, name + ":" + q, false, arn(name, qualifier));
    }

    /** $LATEST as the newest build has it: a new build means a new $LATEST (its old environments are dropped). */
    private VersionRuntime latest(FunctionRuntime f) {
        if (code == null) {
            if (f.latest == null) {
                Version v =
                        new Version(f.name, Version.LATEST, "", 0, clock.instant(), "", false, f.settings.info("", 0));
                f.latest = new VersionRuntime(
                        f.name, v, f.settings, new CodeStore.Stored("", "", 0, List.of()), f.loader, f.host);
            }
            return f.latest;
        }
        CodeStore.Stored stored = code.store(latestCode.get());
        if (f.latest == null || !f.latest.code.hex().equals(stored.hex())) {
            CodeStore.Stored runtime = runtimePart.store(LatestCode.runtimePart());
            if (f.latest != null) {
                f.latest.close();
            }
            Version v = new Version(
                    f.name,
                    Version.LATEST,
                    stored.sha256(),
                    stored.size(),
                    clock.instant(),
                    "",
                    f.settings.snapStart(),
                    f.settings.info(stored.sha256(), stored.size()));
            f.latest = new VersionRuntime(f.name, v, f.settings, withRuntime(stored, runtime), f.loader, f.host);
        }
        return f.latest;
    }

    private Invocation run(
            Target target, Environment idle, boolean spillover, byte[] payload, String requestId, Runnable finished) {
        VersionRuntime version = target.version();
        String name = version.function;
        LogCapture log = new LogCapture(name, version.name(), observer);
        AtomicBoolean abandoned = new AtomicBoolean();
        CompletableFuture<byte[]> response = new CompletableFuture<>();
        AtomicReference<Environment> ran = new AtomicReference<>(idle);
        CompletableFuture<Long> handlerStarted = new CompletableFuture<>();
        long[] durationNanos = {0};
        Thread.ofVirtual()
                .name(name + "-" + requestId)
                .start(() -> InvocationOutput.capturing(log, () -> {
                    try {
                        Thread.currentThread()
                                .setContextClassLoader(version.code().loader());
                        if (ran.get() == null) {
                            ran.set(initialize(version));
                        }
                        Environment environment = ran.get();
                        log.platform("START RequestId: " + requestId + " Version: " + version.name());
                        long started = System.nanoTime();
                        handlerStarted.complete(started);
                        // The environment is free, and the caller's finish hook has run, before the caller hears back.
                        try {
                            byte[] out = invocations.around(
                                    new InvocationInterceptor.Call(
                                            name, version.name(), payload, version.settings.timeout()),
                                    () -> handle(environment, context(requestId, target), payload));
                            durationNanos[0] = System.nanoTime() - started;
                            release(name, version, environment, abandoned);
                            finished.run();
                            response.complete(out);
                        } catch (Throwable thrown) {
                            durationNanos[0] = System.nanoTime() - started;
                            release(name, version, environment, abandoned);
                            finished.run();
                            response.completeExceptionally(thrown);
                        }
                    } catch (Throwable initFailure) {
                        concurrency.release(name);
                        finished.run();
                        response.completeExceptionally(
                                initFailure instanceof InitFailure ? initFailure : new InitFailure(initFailure));
                        handlerStarted.complete(System.nanoTime());
                    }
                    return null;
                }));
        Duration timeout = version.settings.timeout();
        byte[] out;
        Optional<String> functionError = Optional.empty();
        boolean timedOut = false;
        try {
            // The init has its own limit; the function's timeout counts from the handler's start.
            long started = handlerStarted.get(
                    idle == null ? settings.initLimit().toMillis() : Long.MAX_VALUE, TimeUnit.MILLISECONDS);
            long left = timeout.toNanos() - (System.nanoTime() - started);
            out = response.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException late) {
            abandoned.set(true);
            timedOut = true;
            log.platform(Instant.now() + " " + requestId + " Task timed out after "
                    + String.format("%.2f", timeout.toMillis() / 1000.0) + " seconds");
            out = ErrorDocument.of(
                    "Sandbox.Timedout",
                    "RequestId: " + requestId + " Error: Task timed out after "
                            + String.format("%.2f", timeout.toMillis() / 1000.0) + " seconds");
            functionError = Optional.of("Unhandled");
            durationNanos[0] = timeout.toNanos();
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof InitFailure init) {
                cause = init.getCause();
                log.platform("INIT_REPORT Init Duration: " + millis(init.nanos)
                        + " ms\tPhase: init\tStatus: error\tError Type: "
                        + cause.getClass().getName());
            }
            LOG.debug("{} request {} failed", name, requestId, cause);
            out = ErrorDocument.of(cause);
            functionError = Optional.of("Unhandled");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            abandoned.set(true);
            out = ErrorDocument.of("Runtime.Interrupted", "the runtime is stopping");
            functionError = Optional.of("Unhandled");
        }
        Environment environment = ran.get();
        Duration startup = environment == null ? null : environment.reportStartup();
        log.platform("END RequestId: " + requestId);
        log.platform(report(requestId, durationNanos[0], version.settings.memoryMb(), environment, startup, timedOut));
        observer.completed(new LambdaObserver.Report(
                name,
                target.resource(),
                version.name(),
                target.viaAlias(),
                functionError.isPresent(),
                Duration.ofNanos(durationNanos[0]),
                startup != null && environment != null && !environment.restored,
                environment != null && environment.provisioned,
                spillover));
        return new Invocation(200, version.name(), out, functionError, log.tail());
    }

    private static byte[] handle(Environment environment, Map<String, Object> context, byte[] payload)
            throws Exception {
        try {
            return environment.handler.invoke(context, payload);
        } catch (Exception | Error thrown) {
            throw thrown;
        } catch (Throwable other) {
            throw new IllegalStateException(other);
        }
    }

    /** An on-demand environment's init, on the invocation's thread (its output is the invocation's). */
    private static Environment initialize(VersionRuntime version) throws InitFailure {
        long started = System.nanoTime();
        try {
            return version.create(false);
        } catch (Throwable failure) {
            InitFailure init = new InitFailure(failure);
            init.nanos = System.nanoTime() - started;
            throw init;
        }
    }

    /** A failed init, with how long it ran. */
    private static final class InitFailure extends Exception {
        long nanos;

        InitFailure(Throwable cause) {
            super(cause);
        }
    }

    private void release(String name, VersionRuntime version, Environment environment, AtomicBoolean abandoned) {
        concurrency.release(name);
        if (abandoned.get()) {
            version.discard(environment); // Lambda resets a timed-out environment: it is not used again
        } else {
            version.giveBack(environment);
        }
    }

    private static Map<String, Object> context(String requestId, Target target) {
        return Map.of(
                "requestId",
                requestId,
                "invokedFunctionArn",
                target.invokedArn(),
                "deadlineMillis",
                System.currentTimeMillis() + target.version().settings.timeout().toMillis());
    }

    private static String report(
            String requestId,
            long durationNanos,
            int memoryMb,
            Environment environment,
            Duration startup,
            boolean timedOut) {
        StringBuilder line = new StringBuilder("REPORT RequestId: ")
                .append(requestId)
                .append("\tDuration: ")
                .append(millis(durationNanos))
                .append(" ms")
                .append("\tBilled Duration: ")
                .append((long) Math.ceil(durationNanos / 1_000_000.0))
                .append(" ms")
                .append("\tMemory Size: ")
                .append(memoryMb)
                .append(" MB");
        if (startup != null && environment != null) {
            if (environment.restored) {
                line.append("\tRestore Duration: ")
                        .append(millis(startup.toNanos()))
                        .append(" ms")
                        .append("\tBilled Restore Duration: ")
                        .append((long) Math.ceil(startup.toNanos() / 1_000_000.0))
                        .append(" ms");
            } else {
                line.append("\tInit Duration: ")
                        .append(millis(startup.toNanos()))
                        .append(" ms");
            }
        }
        if (timedOut) {
            line.append("\tStatus: timeout");
        }
        return line.toString();
    }

    private static String millis(long nanos) {
        return String.format("%.2f", nanos / 1_000_000.0);
    }

    static String arn(String name, Optional<String> qualifier) {
        return "arn:aws:lambda:" + LocalNames.REGION + ":" + LocalNames.ACCOUNT + ":function:" + name
                + qualifier.map(q -> ":" + q).orElse("");
    }

    // ------------------------------------------------------------------------------------------------ environments

    /** Environments of a function's version: {on demand, provisioned} (for tests and the dashboard). */
    public synchronized int[] environments(String name, String version) {
        FunctionRuntime f = runtime(name);
        VersionRuntime v = Version.LATEST.equals(version)
                ? f.latest
                : published(f, version).orElse(null);
        return v == null ? new int[] {0, 0} : v.environments();
    }

    /** Reclaims environments idle longer than the idle timeout (runs on its own; tests may call it). */
    public void reclaimIdle() {
        long before = System.nanoTime() - settings.idleTimeout().toNanos();
        List<VersionRuntime> versions;
        synchronized (this) {
            versions =
                    functions.values().stream().flatMap(f -> f.all().stream()).toList();
        }
        for (VersionRuntime v : versions) {
            int reclaimed = v.reclaimIdleSince(before);
            if (reclaimed > 0) {
                LOG.debug("{}:{} reclaimed {} idle environment(s)", v.function, v.name(), reclaimed);
            }
        }
    }

    /** The functions' names, in registration order. */
    public synchronized List<String> names() {
        return List.copyOf(functions.keySet());
    }

    @Override
    public void close() {
        if (reaper != null) {
            reaper.shutdownNow();
        }
        List<VersionRuntime> versions;
        synchronized (this) {
            versions =
                    functions.values().stream().flatMap(f -> f.all().stream()).toList();
        }
        versions.forEach(VersionRuntime::close);
    }

    /** An invocation's log: each line to the real output and the tail, the function's own lines to the observer (EMF). */
    static final class LogCapture implements InvocationOutput.Capture {

        private final String function;
        private final String version;
        private final LambdaObserver observer;
        private final StringBuilder tail = new StringBuilder();

        LogCapture(String function, String version, LambdaObserver observer) {
            this.function = function;
            this.version = version;
            this.observer = observer;
        }

        @Override
        public void line(String line) {
            keep(line);
            observer.output(function, version, line);
        }

        /** A line of Lambda's own (START, END, REPORT): to the real output and the tail. */
        void platform(String line) {
            InvocationOutput.out().println(line);
            keep(line);
        }

        private synchronized void keep(String line) {
            tail.append(line).append('\n');
            if (tail.length() > TAIL_BYTES * 2) {
                tail.delete(0, tail.length() - TAIL_BYTES);
            }
        }

        synchronized String tail() {
            byte[] bytes = tail.toString().getBytes(StandardCharsets.UTF_8);
            if (bytes.length <= TAIL_BYTES) {
                return tail.toString();
            }
            return new String(bytes, bytes.length - TAIL_BYTES, TAIL_BYTES, StandardCharsets.UTF_8);
        }
    }
}
