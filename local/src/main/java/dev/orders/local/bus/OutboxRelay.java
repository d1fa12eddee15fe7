package dev.orders.local.bus;

import dev.orders.local.delivery.ServiceFaults;
import dev.orders.local.store.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves committed outbox entries to the bus, in commit order, and runs the bus's deliveries: the
 * local stand-in for DynamoDB Streams → publisher → EventBridge. At startup it first drains whatever
 * a crash left unpublished. When the bus refuses {@code PutEvents} (an injected fault), the entries stay in the outbox
 * and the relay tries again: events arrive late, none is lost.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long POLL_MILLIS = 250;

    private final Outbox outbox;
    private final LocalBus bus;
    private final Thread relay;
    private final Thread deliveries;
    private volatile boolean running = true;
    private volatile ServiceFaults faults = ServiceFaults.NONE;
    private long refusals;

    public OutboxRelay(Outbox outbox, LocalBus bus) {
        this.outbox = outbox;
        this.bus = bus;
        this.relay = Thread.ofPlatform().name("outbox-relay").daemon().unstarted(this::relayLoop);
        this.deliveries = Thread.ofPlatform().name("bus-deliveries").daemon().unstarted(this::deliveryLoop);
    }

    /** What each {@code PutEvents} asks first (the platform's injected faults). */
    public OutboxRelay serviceFaults(ServiceFaults faults) {
        this.faults = faults;
        return this;
    }

    public OutboxRelay start() {
        relay.start();
        deliveries.start();
        return this;
    }

    /** Publishes everything pending now; returns how many entries were published. */
    public int drain() {
        int published = 0;
        for (var batch = outbox.unpublished(100); !batch.isEmpty(); batch = outbox.unpublished(100)) {
            for (Outbox.Entry entry : batch) {
                faults.before("bus", "OutboxRelay");
                bus.publish(outbox, entry);
                published++;
            }
        }
        return published;
    }

    private void relayLoop() {
        while (running) {
            try {
                outbox.awaitWork(POLL_MILLIS);
                drain();
                if (refusals > 0) {
                    LOG.info("the bus takes events again after {} refused attempts", refusals);
                    refusals = 0;
                }
            } catch (InterruptedException stop) {
                return;
            } catch (ServiceFaults.Failure refused) {
                if (refusals++ == 0) {
                    LOG.warn(
                            "the bus refused PutEvents ({}); the events wait in the outbox, retrying",
                            refused.getMessage());
                }
                pause();
            } catch (RuntimeException failure) {
                LOG.error("outbox relay failed; retrying", failure);
                pause();
            }
        }
    }

    private void deliveryLoop() {
        while (running) {
            try {
                if (bus.deliverDue() == 0) {
                    bus.awaitDeliveries(POLL_MILLIS);
                }
            } catch (InterruptedException stop) {
                return;
            } catch (RuntimeException failure) {
                LOG.error("bus delivery failed; retrying", failure);
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        relay.interrupt();
        deliveries.interrupt();
        try {
            relay.join(2000);
            deliveries.join(2000);
        } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
        }
    }
}
