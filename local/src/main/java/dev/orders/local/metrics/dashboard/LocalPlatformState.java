package dev.orders.local.metrics.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.local.bus.LocalBus;
import dev.orders.local.lambda.LocalFunction;
import dev.orders.local.queue.LocalQueues;
import dev.orders.local.queue.QueueSettings;
import dev.orders.local.stream.FulfillmentStreamPath;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * Today's platform seen through public methods: queue counts, the fulfillment stream's status, the bus archive,
 * and every function on its one version behind the {@code live} alias (aliases, weights and deployments come with
 * the environments-and-versions and canary issues; until then the deployment panel says there are none).
 */
public final class LocalPlatformState implements PlatformState {

    private final LocalQueues queues;
    private final FulfillmentStreamPath fulfillment;
    private final LocalBus bus;
    private final List<LocalFunction<?, ?>> functions;

    public LocalPlatformState(LocalQueues queues, FulfillmentStreamPath fulfillment, LocalBus bus, List<LocalFunction<?, ?>> functions) {
        this.queues = queues;
        this.fulfillment = fulfillment;
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
        ObjectNode status = fulfillment.status();
        List<Shard> list = new ArrayList<>();
        for (JsonNode mapping : status.path("mappings")) {
            for (JsonNode shard : mapping.path("shards")) {
                JsonNode age = shard.get("iteratorAgeMilliseconds");
                list.add(new Shard(fulfillment.stream().name(), mapping.path("functionName").asText(), shard.path("shardId").asText(),
                        age == null || age.isNull() ? null : age.asLong(), shard.path("lastProcessingResult").asText(null),
                        shard.path("inFlightRecords").asLong()));
            }
        }
        return list;
    }

    @Override
    public List<JsonNode> recentEvents(int limit) {
        return StreamSupport.stream(bus.recent(limit).spliterator(), false).toList();
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
