package dev.orders.local.lambda;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A version as it runs: its code (loaded on first need), its SnapStart snapshot, and its environments, idle ones
 * kept most-recently-used first (a warm environment is reused before an older one, so the others age out).
 */
final class VersionRuntime implements AutoCloseable {

    /** What every environment of a function is built with: its ports and the platform's observer and interceptor. */
    record Host(
            List<Map<String, Object>> bindings,
            Map<String, FunctionWiring.Served> ports,
            Supplier<PortInterceptor> interceptor,
            Supplier<LambdaObserver> observer) {}

    /** The snapshot of a SnapStart version: its initialized loader, and the handler the first environment adopts. */
    private record Snapshot(VersionCode.Handler handler, Duration init) {}

    final String function;
    final Version version;
    final FunctionSettings settings;
    final CodeStore.Stored code;
    private final Function<VersionRuntime, VersionCode> loader;
    private final Host host;
    private VersionCode loaded;
    private Snapshot snapshot;
    private boolean snapshotAdopted;
    private final Deque<Environment> idleOnDemand = new ArrayDeque<>();
    private final Deque<Environment> idleProvisioned = new ArrayDeque<>();
    private int onDemand;
    private int provisioned;
    private int provisionedTarget;
    private boolean closed;

    VersionRuntime(
            String function,
            Version version,
            FunctionSettings settings,
            CodeStore.Stored code,
            Function<VersionRuntime, VersionCode> loader,
            Host host) {
        this.function = function;
        this.version = version;
        this.settings = settings;
        this.code = code;
        this.loader = loader;
        this.host = host;
    }

    String name() {
        return version.version();
    }

    boolean published() {
        return !Version.LATEST.equals(version.version());
    }

    /** SnapStart applies to published versions only, never to $LATEST. */
    boolean snapStart() {
        return published() && settings.snapStart();
    }

    synchronized VersionCode code() {
        if (closed) {
            throw new IllegalStateException(function + ":" + name() + " was deleted");
        }
        if (loaded == null) {
            loaded = loader.apply(this);
        }
        return loaded;
    }

    /** SnapStart's publish-time init: the handler built once, then the version's beforeCheckpoint hooks (priming). */
    synchronized void snapshot() throws Throwable {
        if (snapshot != null) {
            return;
        }
        Environment.Identity identity = Environment.Identity.next(name());
        long started = System.nanoTime();
        VersionCode.Handler handler = attributed(() -> code().init(environment(identity), channel()));
        attributed(() -> {
            code().beforeCheckpoint();
            return null;
        });
        snapshot = new Snapshot(handler, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Builds an environment now: a cold init, or for SnapStart a restore from the snapshot (afterRestore hooks run). */
    Environment create(boolean provisionedEnvironment) throws Throwable {
        Environment.Identity identity = Environment.Identity.next(name());
        long started = System.nanoTime();
        VersionCode code = code();
        if (snapStart()) {
            snapshot();
            VersionCode.Handler adopted = adoptSnapshot();
            VersionCode.Handler handler = adopted != null ? adopted : code.init(environment(identity), channel());
            code.afterRestore();
            return counted(new Environment(
                    identity, provisionedEnvironment, true, Duration.ofNanos(System.nanoTime() - started), handler));
        }
        VersionCode.Handler handler = code.init(environment(identity), channel());
        return counted(new Environment(
                identity, provisionedEnvironment, false, Duration.ofNanos(System.nanoTime() - started), handler));
    }

    private synchronized VersionCode.Handler adoptSnapshot() {
        if (snapshotAdopted) {
            return null;
        }
        snapshotAdopted = true;
        return snapshot.handler();
    }

    private synchronized Environment counted(Environment environment) {
        if (environment.provisioned) {
            provisioned++;
        } else {
            onDemand++;
        }
        return environment;
    }

    /** An idle environment, provisioned ones first; null when every environment is busy. */
    synchronized Environment takeIdle() {
        Environment environment = idleProvisioned.pollFirst();
        return environment != null ? environment : idleOnDemand.pollFirst();
    }

    /** The environment finished an invocation and may run the next. */
    synchronized void giveBack(Environment environment) {
        environment.used();
        if (closed || (environment.provisioned && provisioned > provisionedTarget)) {
            discard(environment);
            return;
        }
        (environment.provisioned ? idleProvisioned : idleOnDemand).addFirst(environment);
    }

    /** The environment is gone (timed out, failed, reclaimed, or its provisioned concurrency was lowered). */
    synchronized void discard(Environment environment) {
        if (environment.provisioned) {
            provisioned--;
        } else {
            onDemand--;
        }
    }

    /** Reclaims on-demand environments idle since before {@code nanos}; returns how many. */
    synchronized int reclaimIdleSince(long nanos) {
        int reclaimed = 0;
        for (var it = idleOnDemand.iterator(); it.hasNext(); ) {
            Environment environment = it.next();
            if (environment.idleSince(nanos)) {
                it.remove();
                onDemand--;
                reclaimed++;
            }
        }
        return reclaimed;
    }

    /** Provisioned concurrency: {@code target} environments initialized now, kept warm, never reclaimed. */
    void provision(int target) throws Throwable {
        synchronized (this) {
            provisionedTarget = target;
            while (provisioned > target && !idleProvisioned.isEmpty()) {
                idleProvisioned.pollLast();
                provisioned--;
            }
        }
        while (true) {
            synchronized (this) {
                if (provisioned >= provisionedTarget) {
                    return;
                }
            }
            Environment environment = attributed(() -> create(true));
            synchronized (this) {
                idleProvisioned.addFirst(environment);
            }
        }
    }

    synchronized int provisionedTarget() {
        return provisionedTarget;
    }

    /** Environments alive: (on demand, provisioned). */
    synchronized int[] environments() {
        return new int[] {onDemand, provisioned};
    }

    /** The init map an environment's handler is built from (JDK types only). */
    Map<String, Object> environment(Environment.Identity identity) {
        Map<String, Object> map = new HashMap<>();
        map.put("handler", settings.handler());
        map.put("ports", host.bindings());
        map.put("functionName", function);
        map.put("version", name());
        map.put("memoryMb", settings.memoryMb());
        map.put("logStream", identity.logStream());
        return map;
    }

    BiFunction<String, byte[], byte[]> channel() {
        return new PortChannel(function, name(), host.ports(), host.interceptor());
    }

    /** Init work outside any invocation (a snapshot, provisioned environments): its output is still the version's. */
    private <T> T attributed(Work<T> work) throws Throwable {
        Throwable[] failure = new Throwable[1];
        T result = InvocationOutput.capturing(line -> host.observer().get().output(function, name(), line), () -> {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            try {
                thread.setContextClassLoader(code().loader());
                return work.run();
            } catch (Throwable t) {
                failure[0] = t;
                return null;
            } finally {
                thread.setContextClassLoader(previous);
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return result;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws Throwable;
    }

    @Override
    public void close() {
        VersionCode code;
        synchronized (this) {
            closed = true;
            idleOnDemand.clear();
            idleProvisioned.clear();
            code = loaded;
            loaded = null;
        }
        if (code != null) {
            code.close();
        }
    }
}
