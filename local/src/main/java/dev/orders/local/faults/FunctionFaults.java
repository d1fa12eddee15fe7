package dev.orders.local.faults;

import dev.orders.local.lambda.InvocationInterceptor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The function-level faults in force, applied to every invocation inside its execution environment
 * ({@link InvocationInterceptor}, installed on the platform's Lambda): a delay first, then a chance of a function
 * error raised in place of the handler. Kept in memory: they last as long as the platform runs.
 */
public final class FunctionFaults implements InvocationInterceptor {

    /** A fault in force and what it has done so far. */
    public record Active(FunctionFault fault, long matched, long injected) {}

    private record Entry(String id, Instant since, FunctionFault fault, AtomicLong matched, AtomicLong injected) {}

    private final List<Entry> faults = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final Clock time;

    /** {@code time}: the platform's clock, for when each fault started. */
    public FunctionFaults(Clock time) {
        this.time = time;
    }

    public FunctionFaults() {
        this(Clock.systemUTC());
    }

    public void add(FunctionFault fault) {
        faults.add(new Entry(
                "deploy-" + ids.incrementAndGet(), time.instant(), fault, new AtomicLong(), new AtomicLong()));
    }

    /**
     * The faults in force as {@code /_local/faults} lists them ({@code deploy-N}), with how many invocations each
     * changed.
     */
    List<InjectedFaults.Listed> listed() {
        return faults.stream()
                .map(e -> new InjectedFaults.Listed(
                        new Fault.InvocationFault(
                                e.id(),
                                switch (e.fault().effect()) {
                                    case FunctionFault.Errors errors -> new Fault.Effect.Errors();
                                    case FunctionFault.Delay delay ->
                                        new Fault.Effect.Slow(new Latency.Fixed(delay.delay()));
                                },
                                e.fault().route(),
                                new FaultScope(
                                        Optional.of(e.fault().function()),
                                        e.fault().version(),
                                        e.fault().effect() instanceof FunctionFault.Errors errors
                                                ? errors.percent()
                                                : 100),
                                e.since(),
                                Optional.empty(),
                                true),
                        e.injected().get()))
                .toList();
    }

    /** Removes the faults {@code which} selects; answers how many. */
    public int remove(Predicate<FunctionFault> which) {
        List<Entry> gone = faults.stream().filter(e -> which.test(e.fault())).toList();
        faults.removeAll(gone);
        return gone.size();
    }

    public List<Active> active() {
        return faults.stream()
                .map(e -> new Active(e.fault(), e.matched().get(), e.injected().get()))
                .toList();
    }

    /** The faults attached to one version of a function. */
    public List<Active> on(String function, String version) {
        return active().stream()
                .filter(a -> a.fault().function().equals(function)
                        && a.fault().version().map(version::equals).orElse(true))
                .toList();
    }

    /** Whether faults are attached to exactly this version (a deployment's rehearsal version). */
    public boolean attachedTo(String function, String version) {
        return faults.stream()
                .anyMatch(e -> e.fault().function().equals(function)
                        && e.fault().version().equals(Optional.of(version)));
    }

    @Override
    public byte[] around(Call call, Callable<byte[]> proceed) throws Exception {
        if (faults.isEmpty()) {
            return proceed.call();
        }
        Optional<String> error = Optional.empty();
        Duration delay = Duration.ZERO;
        for (Entry entry : faults) {
            if (!entry.fault().applies(call.function(), call.version(), call.payload())) {
                continue;
            }
            entry.matched().incrementAndGet();
            switch (entry.fault().effect()) {
                case FunctionFault.Delay d -> {
                    delay = delay.plus(d.delay());
                    entry.injected().incrementAndGet();
                }
                case FunctionFault.Errors e -> {
                    if (error.isEmpty() && ThreadLocalRandom.current().nextDouble() * 100 < e.percent()) {
                        error = Optional.of(entry.fault().spec());
                        entry.injected().incrementAndGet();
                    }
                }
            }
        }
        if (!delay.isZero()) {
            Thread.sleep(delay);
        }
        if (error.isPresent()) {
            throw new FunctionFault.InjectedError("fault injected into " + call.function() + ":" + call.version()
                    + " by --inject '" + error.get() + "'");
        }
        return proceed.call();
    }
}
