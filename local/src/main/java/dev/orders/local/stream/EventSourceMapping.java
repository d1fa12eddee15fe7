package dev.orders.local.stream;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.orders.functions.shared.QueueSender;
import dev.orders.local.delivery.ServiceFaults;
import dev.orders.local.lambda.LocalFunction;
import dev.orders.local.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * A Kinesis event source mapping: one consumer per shard, each on its own thread, so shards progress
 * in parallel while each keeps one batch in flight. Emits the IteratorAge metric as an EMF line in
 * Lambda's namespace, as Lambda publishes it to CloudWatch.
 */
public final class EventSourceMapping implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventSourceMapping.class);

    private final KinesisMappingSettings settings;
    private final LocalStream stream;
    private final List<ShardConsumer> consumers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private volatile ServiceFaults faults = ServiceFaults.NONE;
    private volatile ShardConsumer.IteratorAgeSink iteratorAge = EventSourceMapping::emitIteratorAge;

    public EventSourceMapping(
            KinesisMappingSettings settings,
            LocalStream stream,
            LocalFunction<KinesisEvent, StreamsEventResponse> function,
            Database db,
            Optional<QueueSender> onFailure,
            Clock clock,
            Duration initialBackoff,
            Duration maxBackoff) {
        this.settings = settings;
        this.stream = stream;
        Checkpoints checkpoints = new Checkpoints(db);
        ShardConsumer.Backoff backoff = new ShardConsumer.Backoff(initialBackoff, maxBackoff);
        for (ShardMap.Shard shard : stream.shards().shards()) {
            consumers.add(new ShardConsumer(
                    settings,
                    stream,
                    shard.shardId(),
                    function,
                    checkpoints,
                    onFailure,
                    clock,
                    backoff,
                    (name, shardId, millis) -> iteratorAge.record(name, shardId, millis)));
        }
    }

    /** What each read of a shard asks first (the platform's injected faults on the stream). */
    public EventSourceMapping serviceFaults(ServiceFaults faults) {
        this.faults = faults;
        return this;
    }

    public synchronized EventSourceMapping start() {
        running = true;
        for (ShardConsumer consumer : consumers) {
            Thread thread = Thread.ofPlatform()
                    .daemon()
                    .name("esm-" + settings.functionLogicalId() + "-"
                            + consumer.status().shardId())
                    .start(() -> loop(consumer));
            threads.add(thread);
        }
        return this;
    }

    private void loop(ShardConsumer consumer) {
        long refusals = 0;
        while (running) {
            try {
                // GetRecords: a refused read leaves the records in the shard; the iterator age grows meanwhile.
                faults.before("stream", settings.functionLogicalId());
                if (refusals > 0) {
                    LOG.info(
                            "{} on {} reads again after {} refused reads",
                            settings.mappingId(),
                            consumer.status().shardId(),
                            refusals);
                    refusals = 0;
                }
                ShardConsumer.Step step = consumer.poll();
                if (step.delay().isZero()) {
                    continue;
                }
                long millis = Math.max(1, step.delay().toMillis());
                if (step.outcome() == ShardConsumer.Outcome.IDLE) {
                    stream.awaitRecords(millis);
                } else {
                    Thread.sleep(millis);
                }
            } catch (InterruptedException stop) {
                return;
            } catch (ServiceFaults.Failure refused) {
                if (refusals++ == 0) {
                    LOG.warn(
                            "{} on {}: GetRecords refused ({}); retrying",
                            settings.mappingId(),
                            consumer.status().shardId(),
                            refused.getMessage());
                }
                try {
                    Thread.sleep(ShardConsumer.IDLE_WAIT.toMillis());
                } catch (InterruptedException stop) {
                    return;
                }
            } catch (RuntimeException failure) {
                // The local database failed (or is closing): nothing was checkpointed, so the batch is read again.
                LOG.error(
                        "{} on {} failed; retrying",
                        settings.mappingId(),
                        consumer.status().shardId(),
                        failure);
                try {
                    Thread.sleep(ShardConsumer.IDLE_WAIT.toMillis());
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    private static void emitIteratorAge(String functionName, String shardId, long millis) {
        try {
            MetricsFactory.getMetricsInstance()
                    .flushSingleMetric(
                            "IteratorAge",
                            millis,
                            MetricUnit.MILLISECONDS,
                            "AWS/Lambda",
                            DimensionSet.of("FunctionName", functionName, "Resource", functionName));
        } catch (RuntimeException metricsUnavailable) {
            LOG.debug("IteratorAge not emitted", metricsUnavailable);
        }
    }

    /** Where each finished batch's IteratorAge goes (by default an EMF line on stdout). */
    public void reportIteratorAgeTo(ShardConsumer.IteratorAgeSink sink) {
        this.iteratorAge = sink;
    }

    public KinesisMappingSettings settings() {
        return settings;
    }

    /** The mapping's settings and each shard's position: what {@code GET /_local/streams} shows of it. */
    public record Status(KinesisMappingSettings settings, String eventSourceArn, List<ShardStatus> shards) {}

    public Status status() {
        return new Status(
                settings,
                stream.arn(),
                consumers.stream().map(ShardConsumer::status).toList());
    }

    @Override
    public synchronized void close() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(2000);
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
