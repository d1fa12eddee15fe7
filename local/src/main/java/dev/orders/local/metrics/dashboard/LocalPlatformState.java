package dev.orders.local.metrics.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.local.bus.LocalBus;
import dev.orders.local.lambda.LocalFunction;
import dev.orders.local.queue.LocalQueues;
import dev.orders.local.queue.QueueSettings;
import dev.orders.local.stream.EventSourceMapping;
import dev.orders.local.stream.LocalStream;
import dev.orders.local.stream.ShardStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Today's platform seen through public methods: queue counts, the fulfillment stream's status, the bus archive,
 * and every function on its one version behind the {@code live} alias (aliases, weights and deployments come with
 * the environments-and-versions and canary issues; until then the deployment panel says there are none).
 */
public final class LocalPlatformState implements PlatformState {

    private final LocalQueues queues;
    private final LocalStream stream;
    private final EventSourceMapping mapping;
    private final LocalBus bus;
    private final List<LocalFunction<?, ?>> functions;

    public LocalPlatformState(LocalQueues queues, LocalStream stream, EventSourceMapping mapping, LocalBus bus,
                              List<LocalFunction<?, ?>> functions) {
        this.queues = queues;
        this.stream = stream;
        this.mapping = mapping;
        this.bus = bus;
        this.functions = List.copyOf(functions);
    }

    @Override
    public List<Queue> queues() {
        List<Queue> list = new ArrayList<>();
        for (QueueSettings q : queues.all()) {
            LocalQueues.Counts counts = queues.counts(q.name());
            long dead = q.deadLetterQueue().map(dlq -> {
                LocalQueues.Counts d = queues.counts(dlq);
                return d.visible() + d.inFlight();
            }).orElse(0L);
            list.add(new Queue(q.name(), counts.visible(), counts.inFlight(), q.deadLetterQueue(), dead));
        }
        return list;
    }

    @Override
    public List<Shard> shards() {
        List<Shard> list = new ArrayList<>();
        for (ShardStatus shard : mapping.status().shards()) {
            list.add(new Shard(stream.name(), mapping.settings().functionLogicalId(), shard.shardId(), shard.iteratorAgeMilliseconds(),
                    shard.lastProcessingResult(), shard.inFlightRecords()));
        }
        return list;
    }

    @Override
    public List<JsonNode> recentEvents(int limit) {
        return bus.recent(limit).stream().<JsonNode>map(event -> event.envelope()).toList();
    }

    @Override
    public List<Alias> aliases() {
        return functions.stream().map(f -> new Alias(f.settings().logicalId(), "live", List.of(new Version("1", 1.0)))).toList();
    }

    @Override
    public Optional<Deployment> deployment() {
        return Optional.empty();
    }
}
