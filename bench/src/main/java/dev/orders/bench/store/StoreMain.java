package dev.orders.bench.store;

import dev.orders.bench.JavaChild;
import dev.orders.domain.placing.AcceptingOrders;
import dev.orders.domain.placing.PlacingOrderPolicy;
import dev.orders.domain.testing.Fixtures;
import dev.orders.local.store.Database;
import dev.orders.local.store.Faults;
import dev.orders.local.store.Outbox;
import dev.orders.local.store.SqliteOrderStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The order path's store calls, alone: {@code THREADS} virtual threads place orders (idempotency read, then the
 * placing transaction) and read each back, against three stores in turn: one connection for everything (the store
 * before issue 18), read connections beside the writer, and read connections plus group commit. The configurations
 * take turns, {@code ROUNDS} times, so a machine busy with something else slows all three alike; each round starts
 * from an empty database. Writes orders/s per configuration and round to the result file.
 * Args: WORK THREADS MILLIS ROUNDS RESULT.
 */
public final class StoreMain {

    /** Name, read connections, writes per commit at most. */
    record Config(String name, int readers, int group) {}

    static final List<Config> CONFIGS = List.of(
            new Config("single", 0, 1),
            new Config("readers", 4, 1),
            new Config("group", 4, 64),
            new Config("groupOnly", 0, 64));

    private StoreMain() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        long millis = Long.parseLong(args[2]);
        int rounds = Integer.parseInt(args[3]);
        Map<String, Object> result = new LinkedHashMap<>();
        for (int round = 0; round < rounds + 1; round++) {
            for (Config config : CONFIGS) {
                Path file = work.resolve("store-" + config.name() + "-" + round + ".db");
                // round 0 warms the JIT up for every configuration and is not reported
                double perSecond = run(file, config, threads, round == 0 ? Math.min(millis, 2000) : millis);
                if (round > 0) {
                    result.put(config.name() + "." + round, perSecond);
                }
                for (String suffix : List.of("", "-wal", "-shm")) {
                    Files.deleteIfExists(Path.of(file + suffix));
                }
            }
        }
        result.put("rounds", rounds);
        result.put("threads", threads);
        JavaChild.writeResult(Path.of(args[4]), result);
    }

    private static double run(Path file, Config config, int threads, long millis) throws Exception {
        try (Database db = new Database(file, config.readers(), config.group())) {
            SqliteOrderStore store = new SqliteOrderStore(db, new Outbox(db), Faults.none());
            AtomicLong placed = new AtomicLong();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            long end = System.nanoTime() + millis * 1_000_000;
            long start = System.nanoTime();
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String prefix = config.name() + "-" + t + "-";
                workers.add(Thread.ofVirtual().start(() -> {
                    AcceptingOrders accepting =
                            new AcceptingOrders(store, Clock.systemUTC(), Fixtures.sequentialIds("o-" + prefix));
                    try {
                        for (int n = 0; System.nanoTime() < end; n++) {
                            var command = ((PlacingOrderPolicy.Verdict.Valid) PlacingOrderPolicy.check(
                                            Fixtures.twoLineDraft(), Fixtures.alice(), Fixtures.key(prefix + n)))
                                    .command();
                            if (!(accepting.accept(command) instanceof AcceptingOrders.Outcome.Accepted accepted)) {
                                throw new IllegalStateException("order " + prefix + n + " was not accepted");
                            }
                            if (store.findOrder(accepted.order().id()).isEmpty()) {
                                throw new IllegalStateException("an accepted order is not there: "
                                        + accepted.order().id());
                            }
                            placed.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        failed.compareAndSet(null, e);
                    }
                }));
            }
            for (Thread worker : workers) {
                worker.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (failed.get() != null) {
                throw new IllegalStateException(config + " failed", failed.get());
            }
            if (store.orderCount() != placed.get()) {
                throw new IllegalStateException(
                        config + ": placed " + placed.get() + " but stored " + store.orderCount());
            }
            return placed.get() / seconds;
        }
    }
}
