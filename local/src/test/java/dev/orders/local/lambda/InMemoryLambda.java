package dev.orders.local.lambda;

import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small, real-enough {@link LocalLambda} for the tests of the Lambda API, asynchronous invocation and the version
 * commands: versions published only when $LATEST's code changed, aliases with at most one weighted extra version,
 * deletes refused while an alias uses a version, reserved concurrency leaving 100 of 1,000 unreserved, throttles on
 * demand, and one behaviour per version so that two versions answer differently. Lambda's error messages.
 */
public final class InMemoryLambda implements LocalLambda {

    public static final String LATEST = "$LATEST";
    private static final int ACCOUNT_CONCURRENCY = 1000;
    private static final int MINIMUM_UNRESERVED = 100;

    /** What a function does with one payload; {@code version} is the version that runs. */
    @FunctionalInterface
    public interface Behaviour {
        Invocation run(String version, byte[] payload, String requestId);
    }

    /** One invocation as the fake saw it. */
    public record Call(
            String function,
            Optional<String> qualifier,
            String executedVersion,
            String requestId,
            String payload,
            Instant at) {}

    private static final class Function {
        final FunctionInfo info;
        String codeSha256;
        long codeSize;
        final List<Version> published = new ArrayList<>();
        final Map<String, Alias> aliases = new LinkedHashMap<>();
        final Map<String, Behaviour> behaviours = new LinkedHashMap<>();
        Integer reserved;
        final AtomicInteger throttles = new AtomicInteger();

        Function(FunctionInfo info) {
            this.info = info;
            this.codeSha256 = info.latestCodeSha256();
            this.codeSize = info.latestCodeSize();
        }
    }

    private final Map<String, Function> functions = new LinkedHashMap<>();
    private final Clock clock;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    public InMemoryLambda(Clock clock) {
        this.clock = clock;
    }

    public InMemoryLambda() {
        this(Clock.systemUTC());
    }

    /** A function that answers its payload back, with SnapStart as the template's Globals have it. */
    public static FunctionInfo info(String name) {
        return new FunctionInfo(
                name,
                "dev.orders.Handler::handleRequest",
                "java21",
                1024,
                Duration.ofSeconds(10),
                Map.of("POWERTOOLS_SERVICE_NAME", "orders"),
                true,
                512,
                OptionalInt.empty(),
                sha("code-0"),
                1_000_000);
    }

    public synchronized InMemoryLambda add(FunctionInfo info) {
        functions.put(info.name(), new Function(info));
        return this;
    }

    /** A new build of $LATEST: a publish after it makes a new version. */
    public synchronized InMemoryLambda build(String name, String code) {
        Function f = get(name);
        f.codeSha256 = sha(code);
        f.codeSize = 1_000_000 + code.length();
        return this;
    }

    /** What {@code version} ("$LATEST", "2", or "*" for every version without its own) does when invoked. */
    public synchronized InMemoryLambda behave(String name, String version, Behaviour behaviour) {
        get(name).behaviours.put(version, behaviour);
        return this;
    }

    public synchronized InMemoryLambda alias(String name, String alias, String version) {
        Function f = get(name);
        f.aliases.put(
                alias,
                new Alias(name, alias, version, Map.of(), UUID.randomUUID().toString()));
        return this;
    }

    /** The next {@code times} invocations of {@code name} are throttled as its reserved concurrency would throttle them. */
    public InMemoryLambda throttle(String name, int times) {
        get(name).throttles.set(times);
        return this;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String function) {
        return calls.stream().filter(c -> c.function().equals(function)).toList();
    }

    public static Invocation ok(String version, String payload) {
        return new Invocation(
                200, version, payload.getBytes(StandardCharsets.UTF_8), Optional.empty(), "START\nanswered\nEND\n");
    }

    public static Invocation unhandled(String version, String message) {
        return new Invocation(
                200,
                version,
                ("{\"errorMessage\":\"" + message + "\",\"errorType\":\"java.lang.IllegalStateException\"}")
                        .getBytes(StandardCharsets.UTF_8),
                Optional.of("Unhandled"),
                "START\n" + message + "\nEND\n");
    }

    @Override
    public synchronized List<FunctionInfo> functions() {
        return functions.values().stream().map(f -> f.info).toList();
    }

    @Override
    public synchronized FunctionInfo function(String name) {
        return get(name).info;
    }

    @Override
    public synchronized Version publishVersion(String name, Optional<String> description) {
        Function f = get(name);
        if (!f.published.isEmpty() && f.published.getLast().codeSha256().equals(f.codeSha256)) {
            return f.published.getLast();
        }
        String number = String.valueOf(
                f.published.isEmpty() ? 1 : Long.parseLong(f.published.getLast().version()) + 1);
        Version version = new Version(
                name,
                number,
                f.codeSha256,
                f.codeSize,
                clock.instant(),
                description.orElse(""),
                f.info.snapStart(),
                f.info);
        f.published.add(version);
        return version;
    }

    @Override
    public synchronized List<Version> versions(String name) {
        Function f = get(name);
        List<Version> all = new ArrayList<>();
        all.add(latest(f));
        all.addAll(f.published);
        return all;
    }

    @Override
    public synchronized Optional<Version> version(String name, String qualifier) {
        Function f = get(name);
        if (qualifier.equals(LATEST)) {
            return Optional.of(latest(f));
        }
        Alias alias = f.aliases.get(qualifier);
        String number = alias != null ? alias.functionVersion() : qualifier;
        return f.published.stream().filter(v -> v.version().equals(number)).findFirst();
    }

    @Override
    public synchronized List<Alias> aliases(String name) {
        return List.copyOf(get(name).aliases.values());
    }

    @Override
    public synchronized Alias alias(String name, String aliasName) {
        Alias alias = get(name).aliases.get(aliasName);
        if (alias == null) {
            throw new LambdaException(
                    LambdaException.Type.ResourceNotFoundException, "Alias not found: " + arn(name) + ":" + aliasName);
        }
        return alias;
    }

    @Override
    public synchronized Alias updateAlias(
            String name,
            String aliasName,
            Optional<String> functionVersion,
            Optional<Map<String, Double>> additionalVersionWeights) {
        Alias current = alias(name, aliasName);
        String primary = functionVersion.orElse(current.functionVersion());
        Map<String, Double> weights = additionalVersionWeights.orElse(current.additionalVersionWeights());
        if (!primary.equals(LATEST) && version(name, primary).isEmpty()) {
            throw new LambdaException(
                    LambdaException.Type.ResourceNotFoundException, "Function not found: " + arn(name) + ":" + primary);
        }
        if (weights.size() > 1) {
            throw new LambdaException(
                    LambdaException.Type.InvalidParameterValueException,
                    "Number of items in AdditionalVersionWeights cannot be greater than 1");
        }
        for (String extra : weights.keySet()) {
            if (primary.equals(LATEST)
                    || extra.equals(primary)
                    || version(name, extra).isEmpty()) {
                throw new LambdaException(
                        LambdaException.Type.InvalidParameterValueException,
                        "Invalid function version " + extra + ". Function version " + extra
                                + " is already included in routing configuration.");
            }
        }
        Alias updated = new Alias(
                name, aliasName, primary, Map.copyOf(weights), UUID.randomUUID().toString());
        get(name).aliases.put(aliasName, updated);
        return updated;
    }

    @Override
    public synchronized void deleteVersion(String name, String version) {
        Function f = get(name);
        if (f.published.stream().noneMatch(v -> v.version().equals(version))) {
            throw new LambdaException(
                    LambdaException.Type.ResourceNotFoundException, "Function not found: " + arn(name) + ":" + version);
        }
        for (Alias alias : f.aliases.values()) {
            if (alias.functionVersion().equals(version)
                    || alias.additionalVersionWeights().containsKey(version)) {
                throw new LambdaException(
                        LambdaException.Type.ResourceConflictException,
                        "Unable to delete version because the following aliases reference it: [" + alias.name() + "]");
            }
        }
        f.published.removeIf(v -> v.version().equals(version));
    }

    @Override
    public synchronized OptionalInt reservedConcurrency(String name) {
        Integer reserved = get(name).reserved;
        return reserved == null ? OptionalInt.empty() : OptionalInt.of(reserved);
    }

    @Override
    public synchronized void putReservedConcurrency(String name, int reserved) {
        int others = functions.values().stream()
                .filter(f -> !f.info.name().equals(name) && f.reserved != null)
                .mapToInt(f -> f.reserved)
                .sum();
        if (ACCOUNT_CONCURRENCY - others - reserved < MINIMUM_UNRESERVED) {
            throw new LambdaException(
                    LambdaException.Type.InvalidParameterValueException,
                    "Specified ReservedConcurrentExecutions for function "
                            + "decreases account's UnreservedConcurrentExecution below its minimum value of ["
                            + MINIMUM_UNRESERVED + "].");
        }
        get(name).reserved = reserved;
    }

    @Override
    public synchronized void deleteReservedConcurrency(String name) {
        get(name).reserved = null;
    }

    @Override
    public Invocation invoke(String name, Optional<String> qualifier, byte[] payload) {
        return invoke(name, qualifier, payload, UUID.randomUUID().toString());
    }

    @Override
    public Invocation invoke(String name, Optional<String> qualifier, byte[] payload, String requestId) {
        Behaviour behaviour;
        String executed;
        synchronized (this) {
            Function f = get(name);
            if (f.throttles.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                    || Integer.valueOf(0).equals(f.reserved)) {
                throw new LambdaException(
                        LambdaException.Type.TooManyRequestsException,
                        "Rate Exceeded.",
                        "ReservedFunctionConcurrentInvocationLimitExceeded");
            }
            executed = executedVersion(f, name, qualifier);
            behaviour = f.behaviours.getOrDefault(
                    executed,
                    f.behaviours.getOrDefault("*", (v, p, id) -> ok(v, new String(p, StandardCharsets.UTF_8))));
        }
        calls.add(new Call(
                name, qualifier, executed, requestId, new String(payload, StandardCharsets.UTF_8), clock.instant()));
        return behaviour.run(executed, payload, requestId);
    }

    /** The alias's primary version, or its extra version when its weight is 1 (deterministic for tests). */
    private String executedVersion(Function f, String name, Optional<String> qualifier) {
        if (qualifier.isEmpty() || qualifier.get().equals(LATEST)) {
            return LATEST;
        }
        Alias alias = f.aliases.get(qualifier.get());
        if (alias != null) {
            return alias.additionalVersionWeights().entrySet().stream()
                    .filter(w -> w.getValue() >= 1.0)
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElse(alias.functionVersion());
        }
        return version(name, qualifier.get())
                .map(Version::version)
                .orElseThrow(() -> new LambdaException(
                        LambdaException.Type.ResourceNotFoundException,
                        "Function not found: " + arn(name) + ":" + qualifier.get()));
    }

    private static Version latest(Function f) {
        return new Version(f.info.name(), LATEST, f.codeSha256, f.codeSize, Instant.EPOCH, "", false, f.info);
    }

    private Function get(String name) {
        Function f = functions.get(name);
        if (f == null) {
            throw new LambdaException(
                    LambdaException.Type.ResourceNotFoundException, "Function not found: " + arn(name));
        }
        return f;
    }

    private static String arn(String name) {
        return "arn:aws:lambda:us-east-1:000000000000:function:" + name;
    }

    private static String sha(String code) {
        try {
            return java.util.Base64.getEncoder()
                    .encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
