package dev.orders.local.metrics.runtime;

import dev.orders.local.metrics.Dimensions;
import dev.orders.local.metrics.MetricId;
import dev.orders.local.metrics.MetricsRecorder;
import dev.orders.local.metrics.Unit;
import dev.orders.local.queue.LocalQueues;
import dev.orders.local.queue.QueueSettings;
import dev.orders.local.time.TimeScale;
import java.time.Duration;
import java.time.Instant;

/**
 * SQS's metrics in {@code AWS/SQS} by {@code QueueName}: sends, receives and deletes as they happen (a message
 * moved to a DLQ by redrive is not "sent", as in SQS), and once a scaled minute a sample of each queue's
 * ApproximateNumberOfMessagesVisible, ApproximateNumberOfMessagesNotVisible and ApproximateAgeOfOldestMessage.
 */
public final class QueueMetrics implements LocalQueues.Listener {

    private final MetricsRecorder recorder;
    private final TimeScale time;
    private final LocalQueues queues;

    public QueueMetrics(MetricsRecorder recorder, TimeScale time, LocalQueues queues) {
        this.recorder = recorder;
        this.time = time;
        this.queues = queues;
    }

    private void count(String metric, String queue, int n) {
        recorder.put(new MetricId("AWS/SQS", metric, Dimensions.of("QueueName", queue)), n, Unit.COUNT, time.instant());
    }

    @Override
    public void sent(String queue, int messages) {
        count("NumberOfMessagesSent", queue, messages);
    }

    @Override
    public void received(String queue, int messages) {
        count("NumberOfMessagesReceived", queue, messages);
    }

    @Override
    public void deleted(String queue, int messages) {
        count("NumberOfMessagesDeleted", queue, messages);
    }

    /** One sample of every queue's depth and oldest message. */
    public void sample() {
        Instant now = time.instant();
        for (QueueSettings q : queues.all()) {
            LocalQueues.Counts counts = queues.counts(q.name());
            Dimensions d = Dimensions.of("QueueName", q.name());
            recorder.put(
                    new MetricId("AWS/SQS", "ApproximateNumberOfMessagesVisible", d),
                    counts.visible(),
                    Unit.COUNT,
                    now);
            recorder.put(
                    new MetricId("AWS/SQS", "ApproximateNumberOfMessagesNotVisible", d),
                    counts.inFlight(),
                    Unit.COUNT,
                    now);
            long age = queues.peek(q.name(), 1).stream()
                    .findFirst()
                    .map(oldest -> Math.max(
                            0, Duration.between(oldest.sentAt(), Instant.now()).toSeconds()))
                    .orElse(0L);
            recorder.put(new MetricId("AWS/SQS", "ApproximateAgeOfOldestMessage", d), age, Unit.SECONDS, now);
        }
    }
}
