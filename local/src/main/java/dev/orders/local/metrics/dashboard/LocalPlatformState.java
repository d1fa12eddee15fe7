package dev.orders.local.metrics.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.local.bus.LocalBus;
import dev.orders.local.lambda.LambdaService;
import dev.orders.local.queue.LocalQueues;
import dev.orders.local.queue.QueueSettings;
import dev.orders.local.stream.EventSourceMapping;
import dev.orders.local.stream.LocalStream;
import dev.orders.local.stream.ShardStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The platform seen through public methods: queue counts, the fulfillment stream's status, the bus archive, and
 * every function's aliases with their versions and weights from the local Lambda, and the deployment in progress
 * (given by the platform: the deployment engine reads the metrics, so the metrics do not read it).
 */
public final class LocalPlatformState implements PlatformState {

    private final LocalQueues queues;
    private final LocalStream stream;
    private final EventSourceMapping mapping;
    private final LocalBus bus;
    private final LambdaService lambda;
    private final java.util.function.Supplier<Optional<Deployment>> deployment;
    private volatile Supplier<List<Fault>> faults = List::of;

    public LocalPlatformState(
            LocalQueues queues,
            LocalStream stream,
            EventSourceMapping mapping,
            LocalBus bus,
            LambdaService lambda,
            java.util.function.Supplier<Optional<Deployment>> deployment) {
        this.deployment = deployment;
        this.queues = queues;
        this.stream = stream;
        this.mapping = mapping;
        this.bus = bus;
        this.lambda = lambda;
    }

    /** Where the injected faults are listed from. */
    public LocalPlatformState faults(Supplier<List<Fault>> faults) {
        this.faults = faults;
        return this;
    }

    @Override
    public List<Fault> faults() {
        return faults.get();
    }

    @Override
    public List<Queue> queues() {
        List<Queue> list = new ArrayList<>();
        for (QueueSettings q : queues.all()) {
            LocalQueues.Counts counts = queues.counts(q.name());
            long dead = q.deadLetterQueue()
                    .map(dlq -> {
                        LocalQueues.Counts d = queues.counts(dlq);
                        return d.visible() + d.inFlight();
                    })
                    .orElse(0L);
            list.add(new Queue(q.name(), counts.visible(), counts.inFlight(), q.deadLetterQueue(), dead));
        }
        return list;
    }

    @Override
    public List<Shard> shards() {
        List<Shard> list = new ArrayList<>();
        for (ShardStatus shard : mapping.status().shards()) {
            list.add(new Shard(
                    stream.name(),
                    mapping.settings().functionLogicalId(),
                    shard.shardId(),
                    shard.iteratorAgeMilliseconds(),
                    shard.lastProcessingResult(),
                    shard.inFlightRecords()));
        }
        return list;
    }

    @Override
    public List<JsonNode> recentEvents(int limit) {
        return bus.recent(limit).stream()
                .<JsonNode>map(event -> event.envelope())
                .toList();
    }

    /** Every function's aliases from the local Lambda: the primary version with what the routing weights leave it, then the others. */
    @Override
    public List<Alias> aliases() {
        List<Alias> aliases = new ArrayList<>();
        for (String function : lambda.names()) {
            for (dev.orders.local.lambda.Alias alias : lambda.aliases(function)) {
                double extra = alias.additionalVersionWeights().values().stream()
                        .mapToDouble(Double::doubleValue)
                        .sum();
                List<Version> versions = new ArrayList<>();
                versions.add(new Version(alias.functionVersion(), 1.0 - extra));
                alias.additionalVersionWeights()
                        .forEach((version, weight) -> versions.add(new Version(version, weight)));
                aliases.add(new Alias(function, alias.name(), versions));
            }
        }
        return aliases;
    }

    @Override
    public Optional<Deployment> deployment() {
        return deployment.get();
    }
}
