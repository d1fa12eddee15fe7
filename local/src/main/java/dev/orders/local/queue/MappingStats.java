package dev.orders.local.queue;

import java.util.concurrent.atomic.AtomicLong;

/** What an event source mapping did: throttles are counted apart from function errors, as Lambda's metrics do. */
public final class MappingStats {

    final AtomicLong invocations = new AtomicLong();
    final AtomicLong throttles = new AtomicLong();
    final AtomicLong functionErrors = new AtomicLong();
    final AtomicLong deleted = new AtomicLong();
    final AtomicLong itemFailures = new AtomicLong();

    public long invocations() {
        return invocations.get();
    }

    public long throttles() {
        return throttles.get();
    }

    public long functionErrors() {
        return functionErrors.get();
    }

    public long deleted() {
        return deleted.get();
    }

    public long itemFailures() {
        return itemFailures.get();
    }

    /** The counters at one moment. */
    public record Snapshot(
            long invocations, long throttles, long functionErrors, long messagesDeleted, long itemFailures) {}

    public Snapshot snapshot() {
        return new Snapshot(invocations(), throttles(), functionErrors(), deleted(), itemFailures());
    }
}
