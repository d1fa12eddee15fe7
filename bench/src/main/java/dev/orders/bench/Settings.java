package dev.orders.bench;

import java.time.Duration;

/**
 * How much of each measurement to take. {@link #full()} is what docs/performance.md reports; {@link #quick()}
 * only proves every scenario runs (CI), and its figures are not comparable.
 */
public record Settings(
        String name,
        int coldStartRuns,
        boolean allJvmVariants,
        Duration jmhIteration,
        int jmhWarmups,
        int jmhIterations,
        Duration loadDuration,
        int loadConnections,
        int streamRecords,
        int memoryInvocations) {

    public static Settings full() {
        return new Settings("full", 20, true, Duration.ofSeconds(2), 3, 5, Duration.ofSeconds(10), 16, 10_000, 10_000);
    }

    public static Settings quick() {
        return new Settings("quick", 2, false, Duration.ofSeconds(1), 1, 1, Duration.ofSeconds(2), 8, 1_000, 1_000);
    }

    public boolean isQuick() {
        return name.equals("quick");
    }
}
