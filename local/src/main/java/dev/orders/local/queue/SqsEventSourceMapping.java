package dev.orders.local.queue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.orders.local.delivery.DeliveryFaults;
import dev.orders.local.delivery.DeliveryPath;
import dev.orders.local.lambda.FunctionSettings;
import dev.orders.local.lambda.LocalFunction;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda's SQS event source mapping, locally: pollers receive batches (batch size, batching window),
 * invoke the function with a real {@link SQSEvent}, delete what succeeded and leave the rest to
 * reappear after the visibility timeout. Standard-queue scaling is capped by
 * {@code ScalingConfig.MaximumConcurrency} (one poller per concurrent batch; 5 without a cap, Lambda's
 * starting point). A throttled invoke is retried with backoff while the batch is still hidden and never
 * counts as a function error; when the visibility timeout runs out the messages simply reappear.
 */
public final class SqsEventSourceMapping implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqsEventSourceMapping.class);
    static final int DEFAULT_CONCURRENCY = 5;

    /** Knobs that are not AWS settings: how often to look for expired visibility, how to back off throttles. */
    public record Timing(Duration poll, Duration firstThrottleBackoff, Duration maxThrottleBackoff) {
        public static final Timing DEFAULT =
                new Timing(Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofSeconds(2));
    }

    private final LocalQueues queues;
    private final MappingSettings settings;
    private final QueueSettings queue;
    private final LocalFunction<SQSEvent, SQSBatchResponse> function;
    private final InFlightMessages inFlight = new InFlightMessages();
    private final MappingStats stats = new MappingStats();
    private final Clock clock;
    private final Timing timing;
    private final List<Thread> pollers = new ArrayList<>();
    private volatile DeliveryFaults deliveries = DeliveryFaults.NONE;
    private volatile boolean running;

    /** A test's mapping in front of a handler object of the runtime's class path ({@link LocalFunction#inProcess}). */
    public SqsEventSourceMapping(
            LocalQueues queues,
            MappingSettings settings,
            FunctionSettings functionSettings,
            RequestHandler<SQSEvent, SQSBatchResponse> handler,
            Clock clock,
            Timing timing) {
        this(
                queues,
                settings,
                LocalFunction.inProcess(functionSettings, SQSEvent.class, SQSBatchResponse.class, handler),
                clock,
                timing);
    }

    /** The mapping in front of {@code function} (the function's {@code live} alias, as the template wires it). */
    public SqsEventSourceMapping(
            LocalQueues queues,
            MappingSettings settings,
            LocalFunction<SQSEvent, SQSBatchResponse> function,
            Clock clock,
            Timing timing) {
        FunctionSettings functionSettings = function.settings();
        this.queues = queues;
        this.settings = settings;
        this.queue = queues.settings(settings.queue());
        this.clock = clock;
        this.timing = timing;
        // Lambda refuses to create the mapping in this case: the queue would hand out a batch still being processed.
        if (functionSettings.timeout().compareTo(queue.visibilityTimeout()) > 0) {
            throw new IllegalArgumentException(functionSettings.logicalId() + "'s timeout " + functionSettings.timeout()
                    + " exceeds " + queue.name() + "'s visibility timeout " + queue.visibilityTimeout());
        }
        this.function = function;
    }

    public SqsEventSourceMapping start() {
        running = true;
        int concurrency = settings.maximumConcurrency().orElse(DEFAULT_CONCURRENCY);
        for (int i = 0; i < concurrency; i++) {
            Thread poller = Thread.ofVirtual()
                    .name(function.settings().logicalId() + "-poller-" + i)
                    .unstarted(this::pollLoop);
            pollers.add(poller);
            poller.start();
        }
        return this;
    }

    /** Delivery faults: a message handled successfully is sometimes not deleted (it is delivered again). */
    public SqsEventSourceMapping deliveryFaults(DeliveryFaults faults) {
        this.deliveries = faults;
        return this;
    }

    public MappingSettings settings() {
        return settings;
    }

    public LocalFunction<SQSEvent, SQSBatchResponse> function() {
        return function;
    }

    public String functionName() {
        return function.name();
    }

    public MappingStats stats() {
        return stats;
    }

    private void pollLoop() {
        while (running) {
            try {
                if (!pollOnce()) {
                    queues.awaitMessages(timing.poll().toMillis());
                }
            } catch (InterruptedException stop) {
                return;
            } catch (RuntimeException failure) {
                LOG.error("{} poller failed; retrying", functionName(), failure);
                sleep(timing.poll());
            }
        }
    }

    /** One receive-invoke-delete round; false when there was nothing to do. Tests drive it directly. */
    public boolean pollOnce() throws InterruptedException {
        List<QueueMessage> batch = collect();
        if (batch.isEmpty()) {
            return false;
        }
        invoke(batch);
        return true;
    }

    /** A batch: full, or whatever arrived before the batching window closed. */
    private List<QueueMessage> collect() throws InterruptedException {
        List<QueueMessage> batch = new ArrayList<>(receive(settings.batchSize()));
        if (batch.isEmpty() || settings.batchingWindow().isZero()) {
            return batch;
        }
        long closesAt = clock.millis() + settings.batchingWindow().toMillis();
        while (batch.size() < settings.batchSize() && clock.millis() < closesAt) {
            queues.awaitMessages(Math.max(1, Math.min(timing.poll().toMillis(), closesAt - clock.millis())));
            batch.addAll(receive(settings.batchSize() - batch.size()));
        }
        return batch;
    }

    private List<QueueMessage> receive(int max) {
        List<QueueMessage> usable = new ArrayList<>();
        for (QueueMessage message : queues.receive(queue.name(), max)) {
            if (inFlight.isRunning(message.messageId())) {
                // a timed-out invocation still holds it: keep it hidden rather than process it twice at once
                queues.changeVisibility(queue.name(), message.receiptHandle(), queue.visibilityTimeout());
            } else {
                usable.add(message);
            }
        }
        return usable;
    }

    private void invoke(List<QueueMessage> batch) throws InterruptedException {
        SQSEvent event = SqsEvents.of(queue.name(), batch);
        long hiddenUntil = clock.millis() + queue.visibilityTimeout().toMillis();
        Duration backoff = timing.firstThrottleBackoff();
        while (true) {
            stats.invocations.incrementAndGet();
            switch (inFlight.invoke(function, event)) {
                case LocalFunction.Result.Success<SQSBatchResponse> success -> {
                    acknowledge(batch, success.response());
                    return;
                }
                case LocalFunction.Result.Throttled<SQSBatchResponse> throttled -> {
                    stats.throttles.incrementAndGet();
                    if (clock.millis() + backoff.toMillis() >= hiddenUntil) {
                        return; // the batch reappears when its visibility timeout ends, with a higher receive count
                    }
                    Thread.sleep(backoff.toMillis());
                    backoff = min(backoff.multipliedBy(2), timing.maxThrottleBackoff());
                }
                case LocalFunction.Result.Failed<SQSBatchResponse> failed -> {
                    stats.functionErrors.incrementAndGet();
                    return;
                }
                case LocalFunction.Result.TimedOut<SQSBatchResponse> timedOut -> {
                    stats.functionErrors.incrementAndGet();
                    return;
                }
            }
        }
    }

    /**
     * Without ReportBatchItemFailures any success deletes the batch. With it, the listed messages stay;
     * a response that lists an empty, null or unknown id fails the whole batch, as Lambda treats it.
     */
    private void acknowledge(List<QueueMessage> batch, SQSBatchResponse response) {
        Set<String> failed = new HashSet<>();
        if (settings.reportBatchItemFailures() && response != null && response.getBatchItemFailures() != null) {
            Map<String, QueueMessage> byId = new HashMap<>();
            batch.forEach(m -> byId.put(m.messageId(), m));
            for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
                String id = failure == null ? null : failure.getItemIdentifier();
                if (id == null || id.isEmpty() || !byId.containsKey(id)) {
                    LOG.warn("{} returned an invalid itemIdentifier {}; the whole batch failed", functionName(), id);
                    stats.functionErrors.incrementAndGet();
                    return;
                }
                failed.add(id);
            }
        }
        stats.itemFailures.addAndGet(failed.size());
        for (QueueMessage message : batch) {
            if (!failed.contains(message.messageId())
                    && deliveries.duplicate(DeliveryPath.SQS, functionName(), message.messageId())) {
                continue; // a delivery fault: the delete is lost, the message comes back when its visibility timeout
                // ends
            }
            if (!failed.contains(message.messageId()) && queues.delete(queue.name(), message.receiptHandle())) {
                stats.deleted.incrementAndGet();
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        pollers.forEach(Thread::interrupt);
        for (Thread poller : pollers) {
            try {
                poller.join(2000);
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
