package dev.orders.local.drill;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The drill waits for the platform's asynchronous paths by asking until the answer comes or the bound passes. */
final class Waits {

    private static final long POLL_MILLIS = 100;

    private Waits() {}

    /** True when {@code condition} held within {@code bound}; false when the bound passed first. */
    static boolean until(Duration bound, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause(POLL_MILLIS);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", interrupted);
        }
    }
}
