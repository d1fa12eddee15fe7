package dev.orders.local.time;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a task at the start of every scaled period (e.g. each scaled minute), on its own daemon thread, until closed. */
public final class ScaledTicker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScaledTicker.class);

    private final Thread thread;
    private volatile boolean running = true;

    public ScaledTicker(String name, TimeScale time, Duration period, Runnable task) {
        long periodMillis = period.toMillis();
        this.thread = Thread.ofPlatform().daemon().name(name).start(() -> {
            while (running) {
                long now = time.millis();
                long next = Math.floorDiv(now, periodMillis) * periodMillis + periodMillis;
                try {
                    Thread.sleep(Math.max(
                            1, time.realDelay(Duration.ofMillis(next - now)).toMillis()));
                    task.run();
                } catch (InterruptedException stop) {
                    return;
                } catch (RuntimeException failure) {
                    LOG.warn("{} failed at {}; it runs again next period", name, Instant.ofEpochMilli(next), failure);
                }
            }
        });
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
