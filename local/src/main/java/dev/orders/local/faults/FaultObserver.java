package dev.orders.local.faults;

import java.time.Instant;

/** Hears what the metrics record of injected faults: when each is on or off, each call or delivery it changed, how many are on. */
public interface FaultObserver {

    FaultObserver NONE = new FaultObserver() {};

    /** A fault is on ({@code true}: added, or still on at a sample) or off (removed or ended, at its end). */
    default void active(String faultId, boolean on, Instant at) {}

    default void applied(String faultId, Instant at) {}

    /** How many faults are on, at a sample. */
    default void faultsOn(int count, Instant at) {}
}
