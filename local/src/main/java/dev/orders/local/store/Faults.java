package dev.orders.local.store;

/**
 * Fault injection for drills and crash tests. {@code -Dorders.fault.crash-after-commit=OrderAccepted}
 * halts the JVM (as {@code kill -9} would) right after the first write that commits an event of that
 * detail-type, before the outbox relay can publish it.
 */
public final class Faults {

    public static final String CRASH_AFTER_COMMIT = "orders.fault.crash-after-commit";

    private final String crashAfterCommit;

    public Faults(String crashAfterCommit) {
        this.crashAfterCommit = crashAfterCommit;
    }

    public static Faults fromSystemProperties() {
        return new Faults(System.getProperty(CRASH_AFTER_COMMIT));
    }

    public static Faults none() {
        return new Faults(null);
    }

    void afterCommit(String detailType) {
        if (detailType.equals(crashAfterCommit)) {
            System.err.println("fault injected: halting after committing " + detailType);
            Runtime.getRuntime().halt(137);
        }
    }
}
