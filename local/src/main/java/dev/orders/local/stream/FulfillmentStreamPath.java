package dev.orders.local.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.domain.port.OrderStore;
import dev.orders.functions.fulfillment.FulfillmentEventsHandler;
import dev.orders.functions.shared.Json;
import dev.orders.local.gateway.HttpGateway;
import dev.orders.local.lambda.FunctionSettings;
import dev.orders.local.lambda.LocalFunction;
import dev.orders.local.store.Database;
import dev.orders.local.template.SamTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * SPEC P3 wired as the template deploys it: the {@code FulfillmentStream}, the
 * {@code FulfillmentEventsFunction} and its Kinesis event source mapping, the quarantine and the
 * OnFailure queues; plus the Kinesis endpoint and the {@code /_local/} views.
 */
public final class FulfillmentStreamPath implements AutoCloseable {

    public static final String STREAM = "FulfillmentStream";
    public static final String FUNCTION = "FulfillmentEventsFunction";
    public static final String QUARANTINE = "FulfillmentQuarantineQueue";
    public static final String FAILURES = "FulfillmentFailureQueue";

    /** Locally, between retries of a failing batch: 0.5 s doubling to 10 s. */
    static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final LocalStream stream;
    private final DestinationQueue quarantine;
    private final DestinationQueue failures;
    private final EventSourceMapping mapping;
    private final LocalFunction<?, ?> function;
    private final ScheduledExecutorService retention = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("stream-retention").factory());

    public FulfillmentStreamPath(SamTemplate template, Database db, OrderStore store, Clock clock) {
        this(template, db, store, clock, INITIAL_BACKOFF, MAX_BACKOFF);
    }

    public FulfillmentStreamPath(SamTemplate template, Database db, OrderStore store, Clock clock,
                                 Duration initialBackoff, Duration maxBackoff) {
        KinesisMappingSettings settings = KinesisMappingSettings.from(template, FUNCTION);
        this.stream = LocalStream.fromTemplate(db, template, settings.streamLogicalId(), clock);
        this.quarantine = new DestinationQueue(db, QUARANTINE, clock);
        this.failures = new DestinationQueue(db, settings.onFailureLogicalId().orElse(FAILURES), clock);
        var function = new LocalFunction<>(FunctionSettings.from(template, FUNCTION),
                new FulfillmentEventsHandler(store, new LocalQuarantine(quarantine), clock));
        this.function = function;
        this.mapping = new EventSourceMapping(settings, stream, function, db,
                settings.onFailureLogicalId().map(id -> failures), clock, initialBackoff, maxBackoff);
    }

    /** Serves the Kinesis protocol at the gateway's base URL and the local views under {@code /_local/}. */
    public void register(HttpGateway gateway) {
        gateway.awsTarget(KinesisApi.TARGET_PREFIX, new KinesisApi(List.of(stream)));
        gateway.local("streams", (method, query, body) -> HttpGateway.Reply.json(200, status().toString()));
        gateway.local("quarantine", (method, query, body) -> HttpGateway.Reply.json(200, queueView(quarantine).toString()));
        gateway.local("stream-failures", (method, query, body) -> HttpGateway.Reply.json(200, queueView(failures).toString()));
    }

    public FulfillmentStreamPath start() {
        stream.trim();
        retention.scheduleWithFixedDelay(stream::trim, 1, 1, TimeUnit.MINUTES);
        mapping.start();
        return this;
    }

    public LocalFunction<?, ?> function() {
        return function;
    }

    public EventSourceMapping mapping() {
        return mapping;
    }

    public LocalStream stream() {
        return stream;
    }

    public DestinationQueue quarantine() {
        return quarantine;
    }

    public DestinationQueue failures() {
        return failures;
    }

    public ObjectNode status() {
        ObjectNode json = Json.internal().createObjectNode();
        ObjectNode s = json.putArray("streams").addObject().put("streamName", stream.name()).put("streamArn", stream.arn())
                .put("retentionPeriodHours", stream.retention().toHours());
        var shards = s.putArray("shards");
        for (ShardMap.Shard shard : stream.shards().shards()) {
            long latest = stream.latestId(shard.shardId());
            ObjectNode node = shards.addObject().put("shardId", shard.shardId());
            node.putObject("hashKeyRange").put("startingHashKey", shard.startingHashKey().toString())
                    .put("endingHashKey", shard.endingHashKey().toString());
            node.put("records", stream.recordCount(shard.shardId()))
                    .put("latestSequenceNumber", latest == 0 ? null : StreamRecord.sequenceNumber(latest));
        }
        json.putArray("mappings").add(mapping.status());
        json.putObject("destinations").put(quarantine.name(), quarantine.depth()).put(failures.name(), failures.depth());
        return json;
    }

    private static ObjectNode queueView(DestinationQueue queue) {
        ObjectNode json = Json.internal().createObjectNode().put("queue", queue.name()).put("depth", queue.depth());
        json.set("messages", queue.messages());
        return json;
    }

    public ObjectNode health() {
        return Json.internal().createObjectNode().put("status", "UP").put("stream", stream.name())
                .put("quarantined", quarantine.depth()).put("failedBatches", failures.depth());
    }

    @Override
    public void close() {
        retention.shutdownNow();
        mapping.close();
    }
}
