package dev.orders.local.faults;

import dev.orders.local.delivery.DeliveryFaults;
import dev.orders.local.delivery.DeliveryPath;
import dev.orders.local.delivery.ServiceFaults;
import dev.orders.local.lambda.InvocationInterceptor;
import dev.orders.local.lambda.PortCall;
import dev.orders.local.lambda.PortInterceptor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The platform's injected faults: added, listed, removed, and applied where they act. As the platform's
 * {@link PortInterceptor} it slows or fails the port calls in a port fault's scope (latency first, then the
 * failure, as a slow dependency that then gives up); as the trigger paths' {@link DeliveryFaults} it has them deliver
 * twice; as the relay's and the stream mapping's {@link ServiceFaults} it slows or fails their calls to the bus and the
 * stream; as the platform's {@link InvocationInterceptor} it slows, fails, crashes or times out the invocations in a
 * function fault's scope, and then applies the running deployment's {@code --inject} faults ({@link #deployment()},
 * listed here too). Faults live in memory only: a restart clears them, as a drill wants.
 *
 * <p>Its {@link FaultObserver} (the metrics) hears when each fault is on and off, every call or delivery a fault
 * changes, and how many are on at each {@link #sample}.
 */
public final class InjectedFaults implements PortInterceptor, DeliveryFaults, InvocationInterceptor, ServiceFaults {

    /** How many duplicated keys each delivery fault remembers (so each is duplicated once). */
    private static final int REMEMBERED_KEYS = 100_000;

    private final Clock time;
    private final FaultObserver observer;
    private final Supplier<Collection<String>> functions;
    private final Map<String, Active> faults = new LinkedHashMap<>();
    private final FunctionFaults deployment;

    /** A fault and what it did. */
    private record Active(Fault fault, AtomicLong applied, Set<String> duplicated) {}

    /** A fault as listed: the fault and how many calls or deliveries it changed. */
    public record Listed(Fault fault, long applied) {}

    /** {@code time}: the platform's clock (scaled or not); {@code functions}: the names a scope may give. */
    public InjectedFaults(Clock time, FaultObserver observer, Supplier<Collection<String>> functions) {
        this.time = time;
        this.observer = observer;
        this.functions = functions;
        this.deployment = new FunctionFaults(time);
    }

    /** The faults a deployment injects into the version it rehearses ({@code ./orders deploy --inject}). */
    public FunctionFaults deployment() {
        return deployment;
    }

    /** Adds the fault a request describes, or throws {@link FaultRequestException} and changes nothing. */
    public Fault add(byte[] request) {
        Instant now = time.instant();
        Fault fault = FaultJson.read(request, newId(), now);
        fault.scope().function().ifPresent(function -> {
            Collection<String> known = functions.get();
            if (!known.contains(function)) {
                throw new FaultRequestException("scope.function: there is no function " + function + " (functions: "
                        + String.join(", ", known) + ")");
            }
        });
        synchronized (this) {
            faults.put(
                    fault.id(),
                    new Active(fault, new AtomicLong(), Collections.synchronizedSet(new LinkedHashSet<>())));
        }
        record(fault, 1, now);
        return fault;
    }

    private synchronized String newId() {
        while (true) {
            String id = "f-"
                    + HexFormat.of()
                            .toHexDigits(UUID.randomUUID().getLeastSignificantBits())
                            .substring(0, 6);
            if (!faults.containsKey(id)) {
                return id;
            }
        }
    }

    /** The faults on now, oldest first (an ended one is dropped as it is seen), then the deployment's. */
    public List<Listed> list() {
        expire();
        List<Listed> listed = new ArrayList<>();
        synchronized (this) {
            faults.values()
                    .forEach(a -> listed.add(new Listed(a.fault(), a.applied().get())));
        }
        listed.addAll(deployment.listed());
        return listed;
    }

    public Optional<Listed> get(String id) {
        return list().stream().filter(l -> l.fault().id().equals(id)).findFirst();
    }

    /**
     * Removes the fault {@code id}; a deployment's fault is refused with a {@link FaultRequestException}: it ends with
     * its deployment.
     */
    public Optional<Listed> remove(String id) {
        if (deployment.listed().stream().anyMatch(l -> l.fault().id().equals(id))) {
            throw new FaultRequestException(id + " was injected by the running deployment (./orders deploy --inject): "
                    + "it ends when the deployment ends (./orders deploy --stop rolls it back)");
        }
        Active removed;
        synchronized (this) {
            removed = faults.remove(id);
        }
        if (removed == null) {
            return Optional.empty();
        }
        record(removed.fault(), 0, time.instant());
        return Optional.of(new Listed(removed.fault(), removed.applied().get()));
    }

    public List<Listed> clear() {
        List<Active> removed;
        synchronized (this) {
            removed = new ArrayList<>(faults.values());
            faults.clear();
        }
        Instant now = time.instant();
        removed.forEach(a -> record(a.fault(), 0, now));
        return removed.stream()
                .map(a -> new Listed(a.fault(), a.applied().get()))
                .toList();
    }

    /** Tells the observer every fault on (ended ones get their end); the platform calls it every few seconds. */
    public void sample() {
        expire();
        Instant now = time.instant();
        List<Fault> on;
        synchronized (this) {
            on = faults.values().stream().map(Active::fault).toList();
        }
        on.forEach(f -> observer.active(f.id(), true, now));
        observer.faultsOn(on.size(), now);
    }

    private void expire() {
        Instant now = time.instant();
        List<Fault> ended = new ArrayList<>();
        synchronized (this) {
            faults.values().removeIf(a -> {
                if (!a.fault().activeAt(now)) {
                    ended.add(a.fault());
                    return true;
                }
                return false;
            });
        }
        ended.forEach(f -> record(f, 0, f.endsAt().orElse(now)));
    }

    private void record(Fault fault, int active, Instant at) {
        observer.active(fault.id(), active == 1, at);
    }

    private void applied(Active active, Instant now) {
        active.applied().incrementAndGet();
        observer.applied(active.fault().id(), now);
    }

    private synchronized List<Active> snapshot() {
        return faults.isEmpty() ? List.of() : List.copyOf(faults.values());
    }

    private static boolean drawn(FaultScope scope) {
        return scope.percentage() >= 100 || ThreadLocalRandom.current().nextDouble() * 100 < scope.percentage();
    }

    // ------------------------------------------------------------------------------------------------ port faults

    @Override
    public byte[] around(PortCall call, byte[] request, Supplier<byte[]> proceed) {
        Optional<Dependency> dependency = Dependency.ofPortKind(call.kind());
        if (dependency.isEmpty()) {
            return proceed.get();
        }
        RuntimeException failure = disturb(
                dependency.get(),
                port -> port.scope().covers(call.function(), call.version())
                        && port.operation().map(o -> o.equals(call.operation())).orElse(true));
        if (failure != null) {
            throw failure;
        }
        return proceed.get();
    }

    // ------------------------------------------------------------------------------------------------ bus and stream

    @Override
    public void before(String service, String caller) {
        Dependency dependency = service.equals(Dependency.BUS.label()) ? Dependency.BUS : Dependency.STREAM;
        RuntimeException failure = disturb(
                dependency, port -> port.scope().function().map(caller::equals).orElse(true));
        if (failure != null) {
            throw new ServiceFaults.Failure(failure.getMessage());
        }
    }

    /**
     * Applies the port faults on {@code dependency} that {@code matches} to one call: waits their latency first (as a
     * slow dependency that then gives up), then answers the failure the call ends in, or null.
     */
    private RuntimeException disturb(Dependency dependency, Predicate<Fault.PortFault> matches) {
        List<Active> all = snapshot();
        if (all.isEmpty()) {
            return null;
        }
        Instant now = time.instant();
        Duration delay = Duration.ZERO;
        RuntimeException failure = null;
        for (Active active : all) {
            if (!(active.fault() instanceof Fault.PortFault port)
                    || port.dependency() != dependency
                    || !port.activeAt(now)
                    || !matches.test(port)
                    || !drawn(port.scope())) {
                continue;
            }
            applied(active, now);
            switch (port.effect()) {
                case Fault.Effect.Slow slow -> delay = delay.plus(slow.latency().draw(ThreadLocalRandom.current()));
                case Fault.Effect.Errors errors -> failure = failure != null ? failure : dependency.failed(requestId());
                case Fault.Effect.Throttle throttle ->
                    failure = failure != null ? failure : dependency.throttled(requestId());
                case Fault.Effect.Unavailable unavailable -> failure = dependency.unavailable();
                case Fault.Effect.Crash crash -> throw new IllegalStateException("a port fault cannot crash");
                case Fault.Effect.Timeout timeout -> throw new IllegalStateException("a port fault cannot time out");
            }
        }
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return new IllegalStateException("interrupted while a fault delayed a call to " + dependency.label());
            }
        }
        return failure;
    }

    private static String requestId() {
        return UUID.randomUUID().toString();
    }

    // ------------------------------------------------------------------------------------------------ function faults

    @Override
    public byte[] around(InvocationInterceptor.Call call, Callable<byte[]> proceed) throws Exception {
        List<Active> all = snapshot();
        if (all.isEmpty()) {
            return deployment.around(call, proceed);
        }
        Instant now = time.instant();
        Duration delay = Duration.ZERO;
        Fault.InvocationFault before = null;
        Fault.InvocationFault after = null;
        for (Active active : all) {
            if (!(active.fault() instanceof Fault.InvocationFault fault)
                    || !fault.activeAt(now)
                    || !fault.scope().covers(call.function(), call.version())
                    || fault.route()
                            .map(r -> !r.equals(
                                    FunctionFault.routeOf(call.payload()).orElse(null)))
                            .orElse(false)
                    || !drawn(fault.scope())) {
                continue;
            }
            applied(active, now);
            switch (fault.effect()) {
                case Fault.Effect.Slow slow -> delay = delay.plus(slow.latency().draw(ThreadLocalRandom.current()));
                case Fault.Effect.Crash crash -> after = after != null ? after : fault;
                default -> before = before != null ? before : fault;
            }
        }
        if (!delay.isZero()) {
            Thread.sleep(delay);
        }
        if (before != null && before.effect() instanceof Fault.Effect.Timeout) {
            // Past the function's timeout the runtime has answered "Task timed out" and dropped this environment.
            Thread.sleep(call.timeout().plusMillis(100));
            throw new FunctionFault.InjectedError(
                    "fault " + before.id() + " held " + call.function() + ":" + call.version() + " past its timeout");
        }
        if (before != null) {
            throw new FunctionFault.InjectedError(
                    "fault " + before.id() + " injected an error into " + call.function() + ":" + call.version());
        }
        byte[] answer = deployment.around(call, proceed);
        if (after != null) {
            throw new FunctionFault.InjectedError("fault " + after.id() + " crashed " + call.function() + ":"
                    + call.version() + " after its handler ran (its effects stand; the answer is lost)");
        }
        return answer;
    }

    // ------------------------------------------------------------------------------------------------ delivery faults

    @Override
    public boolean duplicate(DeliveryPath path, String receiver, String key) {
        List<Active> all = snapshot();
        if (all.isEmpty()) {
            return false;
        }
        Instant now = time.instant();
        for (Active active : all) {
            if (active.fault() instanceof Fault.DeliveryFault delivery
                    && delivery.path() == path
                    && delivery.activeAt(now)
                    && delivery.scope().function().map(f -> f.equals(receiver)).orElse(true)
                    && drawn(delivery.scope())
                    && remember(active.duplicated(), key)) {
                applied(active, now);
                return true;
            }
        }
        return false;
    }

    private static boolean remember(Set<String> keys, String key) {
        synchronized (keys) {
            if (!keys.add(key)) {
                return false;
            }
            if (keys.size() > REMEMBERED_KEYS) {
                keys.remove(keys.iterator().next());
            }
            return true;
        }
    }
}
