package dev.orders.local.stream;

import static dev.orders.domain.testing.FulfillmentFixtures.placePaidOrder;
import static dev.orders.domain.testing.FulfillmentFixtures.recordJson;
import static dev.orders.local.stream.StreamTestKit.drain;
import static dev.orders.local.stream.StreamTestKit.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.OrderStatus;
import dev.orders.domain.order.StatusChange;
import dev.orders.domain.testing.Fixtures.MutableClock;
import dev.orders.functions.fulfillment.FulfillmentEventsHandler;
import dev.orders.local.paths.FulfillmentPath;
import dev.orders.local.queue.LocalQuarantine;
import dev.orders.local.queue.LocalQueues;
import dev.orders.local.store.Database;
import dev.orders.local.store.Faults;
import dev.orders.local.store.Outbox;
import dev.orders.local.store.SqliteOrderStore;
import dev.orders.local.stream.ShardConsumer.Outcome;
import dev.orders.local.template.SamTemplate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * P3 end to end below the network: the real handler, the SQLite store and outbox, the mapping
 * with the template's settings, two shards, driven step by step on a hand-moved clock.
 */
class FulfillmentStreamTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.atNoon();
    private Database db;
    private SqliteOrderStore store;
    private Outbox outbox;
    private LocalStream stream;
    private LocalQueues queues;
    private final List<String> held = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final KinesisMappingSettings settings =
            KinesisMappingSettings.from(SamTemplate.bundled(), FulfillmentPath.FUNCTION);

    @BeforeEach
    void open() {
        db = new Database(dir.resolve("orders.db"));
        outbox = new Outbox(db);
        store = new SqliteOrderStore(db, outbox, Faults.none());
        stream = new LocalStream(db, "fulfillment-events", 2, Duration.ofHours(24), clock);
        queues = StreamTestKit.destinations(db, clock, FulfillmentPath.QUARANTINE, FulfillmentPath.FAILURES);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private ShardConsumer[] consumers(
            com.amazonaws.services.lambda.runtime.RequestHandler<
                            KinesisEvent, com.amazonaws.services.lambda.runtime.events.StreamsEventResponse>
                    handler) {
        var function = StreamTestKit.function(handler, Optional.empty());
        Checkpoints checkpoints = new Checkpoints(db);
        return stream.shards().shards().stream()
                .map(shard -> new ShardConsumer(
                        settings,
                        stream,
                        shard.shardId(),
                        function,
                        checkpoints,
                        Optional.of(queues.sender(FulfillmentPath.FAILURES)),
                        clock,
                        StreamTestKit.BACKOFF,
                        (fn, s, millis) -> {}))
                .toArray(ShardConsumer[]::new);
    }

    private FulfillmentEventsHandler handler() {
        return new FulfillmentEventsHandler(
                store,
                new LocalQuarantine(queues.sender(FulfillmentPath.QUARANTINE)),
                (body, attributes) -> {
                    held.add(body);
                    return "held-" + held.size();
                },
                clock);
    }

    private void put(String orderId, String json) {
        stream.put(List.of(entry(json, orderId)));
    }

    private List<String> events(String orderId) {
        return outbox.unpublished(10_000).stream()
                .filter(e -> e.event().orderId().value().equals(orderId))
                .map(e -> e.event().detailType())
                .toList();
    }

    private List<com.fasterxml.jackson.databind.JsonNode> failureReports() {
        return StreamTestKit.bodies(queues, FulfillmentPath.FAILURES);
    }

    private OrderStatus status(String orderId) {
        return store.findOrder(new OrderId(orderId)).orElseThrow().status();
    }

    @Test
    void the_template_settings_are_the_ones_the_mapping_runs_with() {
        assertThat(settings.streamLogicalId()).isEqualTo("FulfillmentStream");
        assertThat(settings.reportBatchItemFailures()).isTrue();
        assertThat(settings.bisectOnFunctionError()).isTrue();
        assertThat(settings.onFailureLogicalId()).contains("FulfillmentFailureQueue");
        assertThat(settings.maximumRetryAttempts()).isEqualTo(5);
        assertThat(settings.maximumRecordAgeSeconds()).isEqualTo(3600);
    }

    @Test
    void each_order_moves_through_its_records_in_order_while_the_shards_progress_independently() {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            orders.add("order-" + i);
            placePaidOrder(store, "order-" + i);
        }
        for (String type : List.of("PICKED", "SHIPPED", "DELIVERED")) {
            for (String order : orders) {
                put(order, recordJson(order + "-" + type, order, type));
            }
        }
        ShardConsumer[] consumers = consumers(handler());
        drain(clock, consumers);
        assertThat(stream.recordCount("shardId-000000000000")).isPositive();
        assertThat(stream.recordCount("shardId-000000000001")).isPositive();
        for (String order : orders) {
            // a record applied out of order would have made a later one stale and skipped its state
            assertThat(store.findOrder(new OrderId(order)).orElseThrow().history())
                    .extracting(StatusChange::status)
                    .containsExactly(
                            OrderStatus.ACCEPTED,
                            OrderStatus.PAID,
                            OrderStatus.PICKED,
                            OrderStatus.SHIPPED,
                            OrderStatus.DELIVERED);
            assertThat(events(order))
                    .containsExactly("OrderAccepted", "OrderPaid", "OrderPicked", "OrderShipped", "OrderDelivered");
        }
    }

    @Test
    void a_replay_after_a_partial_failure_applies_nothing_twice() {
        placePaidOrder(store, "o-1");
        // one partition key, so all four records share a shard and a batch
        put("o-1", recordJson("e-1", "o-1", "PICKED"));
        put("o-1", recordJson("e-2", "o-2", "PICKED")); // o-2 is not visible yet
        put("o-1", recordJson("e-3", "o-1", "SHIPPED"));
        put("o-1", recordJson("e-1", "o-1", "PICKED")); // the producer retried e-1
        ShardConsumer[] consumers = consumers(handler());
        ShardConsumer shard =
                consumers[stream.shards().shards().indexOf(stream.shards().shardFor("o-1"))];
        ShardConsumer.Step step = shard.poll();
        while (step.outcome() != Outcome.PARTIAL_FAILURE) {
            clock.advance(step.delay());
            step = shard.poll();
        }
        assertThat(events("o-1")).containsExactly("OrderAccepted", "OrderPaid", "OrderPicked");
        placePaidOrder(store, "o-2");
        assertThat(drain(clock, consumers)).containsExactly(Outcome.SUCCEEDED);
        assertThat(events("o-1")).containsExactly("OrderAccepted", "OrderPaid", "OrderPicked", "OrderShipped");
        assertThat(events("o-2")).containsExactly("OrderAccepted", "OrderPaid", "OrderPicked");
        assertThat(failureReports()).isEmpty();
    }

    @Test
    void a_batch_whose_response_is_lost_after_it_was_applied_is_replayed_whole_without_double_effects() {
        placePaidOrder(store, "o-1");
        put("o-1", recordJson("e-1", "o-1", "PICKED"));
        put("o-1", recordJson("e-2", "o-1", "SHIPPED"));
        FulfillmentEventsHandler real = handler();
        AtomicBoolean lost = new AtomicBoolean();
        ShardConsumer[] consumers = consumers((KinesisEvent event, Context context) -> {
            var response = real.handleRequest(event, context);
            if (lost.compareAndSet(false, true)) {
                throw new IllegalStateException("the environment died before answering");
            }
            return response;
        });
        List<Outcome> outcomes = drain(clock, consumers);
        assertThat(outcomes).contains(Outcome.BISECTED).doesNotContain(Outcome.DISCARDED);
        assertThat(events("o-1")).containsExactly("OrderAccepted", "OrderPaid", "OrderPicked", "OrderShipped");
    }

    @Test
    void a_poison_record_in_the_middle_of_a_batch_is_quarantined_and_the_records_after_it_are_applied() {
        placePaidOrder(store, "o-1");
        put("o-1", recordJson("e-1", "o-1", "PICKED"));
        put("o-1", "{{{ not json");
        put(
                "o-1",
                "{\"eventId\":\"e-x\",\"orderId\":\"o-1\",\"type\":\"SHIPPED\",\"occurredAt\":\"2026-11-27T13:00:00Z\",\"warehouseId\":\"WH-1\",\"amount\":\"-1\"}");
        put("o-1", recordJson("e-2", "o-1", "SHIPPED"));
        put("o-1", recordJson("e-3", "o-1", "DELIVERED"));
        assertThat(drain(clock, consumers(handler()))).containsOnly(Outcome.SUCCEEDED);
        assertThat(status("o-1")).isEqualTo(OrderStatus.DELIVERED);
        var quarantined = StreamTestKit.bodies(queues, FulfillmentPath.QUARANTINE);
        assertThat(quarantined).hasSize(2);
        assertThat(quarantined.get(0).at("/reason").asText()).startsWith("undecodable:");
        assertThat(quarantined.get(0).at("/payloadText").asText()).isEqualTo("{{{ not json");
        assertThat(quarantined.get(1).at("/reason").asText())
                .isEqualTo("business-invalid: amount: must not be negative");
        assertThat(failureReports()).isEmpty();
    }

    @Test
    void a_record_for_an_order_that_is_not_visible_yet_is_retried_until_it_succeeds() {
        put("late", recordJson("e-1", "late", "PICKED"));
        ShardConsumer[] consumers = consumers(handler());
        ShardConsumer shard =
                consumers[stream.shards().shards().indexOf(stream.shards().shardFor("late"))];
        List<Outcome> outcomes = new ArrayList<>();
        while (outcomes.size() < 3) {
            ShardConsumer.Step step = shard.poll();
            if (step.outcome() != Outcome.GATHERING && step.outcome() != Outcome.BACKING_OFF) {
                outcomes.add(step.outcome());
            }
            clock.advance(step.delay());
        }
        assertThat(outcomes).containsOnly(Outcome.PARTIAL_FAILURE);
        placePaidOrder(store, "late");
        assertThat(drain(clock, shard)).containsExactly(Outcome.SUCCEEDED);
        assertThat(status("late")).isEqualTo(OrderStatus.PICKED);
        assertThat(failureReports()).isEmpty();
    }

    @Test
    void
            a_record_whose_order_never_appears_goes_to_the_on_failure_destination_after_the_retries_and_the_shard_moves_on() {
        put("ghost", recordJson("e-1", "ghost", "PICKED"));
        placePaidOrder(store, "ghost-2");
        ShardConsumer[] consumers = consumers(handler());
        drain(clock, consumers);
        // the template's MaximumRetryAttempts (5): six invocations, then the batch is discarded
        assertThat(failureReports()).hasSize(1);
        assertThat(failureReports()
                        .getFirst()
                        .at("/requestContext/approximateInvokeCount")
                        .asInt())
                .isEqualTo(6);
        assertThat(failureReports().getFirst().at("/requestContext/condition").asText())
                .isEqualTo("RetryAttemptsExhausted");
        put("ghost", recordJson("e-2", "ghost-2", "PICKED"));
        drain(clock, consumers);
        assertThat(status("ghost-2")).isEqualTo(OrderStatus.PICKED);
    }
}
