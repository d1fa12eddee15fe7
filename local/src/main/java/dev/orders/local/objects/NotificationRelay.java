package dev.orders.local.objects;

import dev.orders.local.lambda.AsyncInvocations;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands S3's recorded notifications to Lambda's asynchronous invocation, oldest first, and marks each one delivered once
 * the invocation is queued. A crash between the two delivers it again: S3's delivery is at-least-once, and the
 * Receipts function is idempotent per object version.
 */
public final class NotificationRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationRelay.class);
    private static final long POLL_MILLIS = 100;

    private final ObjectRecords records;
    private final AsyncInvocations lambda;
    private volatile Thread thread;

    public NotificationRelay(LocalS3 s3, AsyncInvocations lambda) {
        this.records = s3.records();
        this.lambda = lambda;
    }

    /** Hands over what is pending now; answers how many were handed over. */
    public int drain() {
        int handed = 0;
        List<ObjectRecords.Pending> pending;
        while (!(pending = records.pending(100)).isEmpty()) {
            for (ObjectRecords.Pending notification : pending) {
                try {
                    lambda.enqueue(
                            notification.function(), Optional.of(notification.qualifier()), notification.payload());
                } catch (RuntimeException refused) {
                    LOG.warn(
                            "S3 notification {} for {} not accepted yet: {}",
                            notification.seq(),
                            notification.function(),
                            refused.toString());
                    return handed;
                }
                records.delivered(notification.seq());
                handed++;
            }
        }
        return handed;
    }

    public void start() {
        thread = Thread.ofPlatform().daemon().name("s3-notifications").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    drain();
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException stop) {
                    return;
                } catch (RuntimeException e) {
                    LOG.error("S3 notification relay failed; retrying", e);
                }
            }
        });
    }

    @Override
    public void close() {
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }
}
