package dev.orders.functions.fulfillment;

import static dev.orders.domain.testing.FulfillmentFixtures.T0;
import static dev.orders.domain.testing.FulfillmentFixtures.placeAcceptedOrder;
import static dev.orders.domain.testing.FulfillmentFixtures.placePaidOrder;
import static dev.orders.domain.testing.FulfillmentFixtures.recordJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderEvent;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.OrderStatus;
import dev.orders.domain.port.Quarantine;
import dev.orders.domain.testing.InMemoryOrderStore;
import dev.orders.functions.shared.QueueSender;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class FulfillmentEventsHandlerTest {

    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final List<Quarantine.Item> quarantined = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> held = new CopyOnWriteArrayList<>();
    private final List<String> heldBodies = new CopyOnWriteArrayList<>();
    private final QueueSender holdQueue = (body, attributes) -> {
        heldBodies.add(body);
        held.add(attributes);
        return "h-" + held.size();
    };
    private final FulfillmentEventsHandler handler =
            new FulfillmentEventsHandler(store, quarantined::add, holdQueue, Clock.fixed(T0, ZoneOffset.UTC));

    /** A batch as Lambda builds it: records of one shard with increasing sequence numbers 1, 2, 3... */
    static KinesisEvent batch(String... payloads) {
        List<KinesisEvent.KinesisEventRecord> records = new ArrayList<>();
        for (int i = 0; i < payloads.length; i++) {
            KinesisEvent.Record kinesis = new KinesisEvent.Record();
            kinesis.setSequenceNumber(String.valueOf(i + 1));
            kinesis.setPartitionKey("pk");
            kinesis.setData(ByteBuffer.wrap(payloads[i].getBytes(StandardCharsets.UTF_8)));
            KinesisEvent.KinesisEventRecord record = new KinesisEvent.KinesisEventRecord();
            record.setKinesis(kinesis);
            record.setEventID("shardId-000000000000:" + (i + 1));
            records.add(record);
        }
        KinesisEvent event = new KinesisEvent();
        event.setRecords(records);
        return event;
    }

    private List<String> failures(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream()
                .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    private OrderStatus statusOf(String orderId) {
        return store.findOrder(new OrderId(orderId)).orElseThrow().status();
    }

    private List<String> eventsOf(String orderId) {
        return store.outbox().stream()
                .filter(e -> e.orderId().value().equals(orderId))
                .map(OrderEvent::detailType)
                .toList();
    }

    @Test
    void a_batch_moves_an_order_through_picked_shipped_delivered_with_one_event_each() {
        placePaidOrder(store, "o-1");
        var response = handler.handleRequest(
                batch(
                        recordJson("e-1", "o-1", "PICKED"),
                        recordJson("e-2", "o-1", "SHIPPED"),
                        recordJson("e-3", "o-1", "DELIVERED")),
                null);
        assertThat(failures(response)).isEmpty();
        assertThat(statusOf("o-1")).isEqualTo(OrderStatus.DELIVERED);
        assertThat(eventsOf("o-1"))
                .containsExactly("OrderAccepted", "OrderPaid", "OrderPicked", "OrderShipped", "OrderDelivered");
    }

    @Test
    void the_same_batch_delivered_twice_applies_nothing_twice() {
        placePaidOrder(store, "o-1");
        KinesisEvent event = batch(recordJson("e-1", "o-1", "PICKED"), recordJson("e-2", "o-1", "SHIPPED"));
        handler.handleRequest(event, null);
        var again = handler.handleRequest(event, null);
        assertThat(failures(again)).isEmpty();
        assertThat(eventsOf("o-1")).containsExactly("OrderAccepted", "OrderPaid", "OrderPicked", "OrderShipped");
    }

    @Test
    void a_poison_record_in_the_middle_is_quarantined_and_the_records_after_it_are_applied() {
        placePaidOrder(store, "o-1");
        var response = handler.handleRequest(
                batch(
                        recordJson("e-1", "o-1", "PICKED"),
                        "not json {",
                        "{\"eventId\":\"e-x\",\"orderId\":\"o-1\",\"type\":\"DELIVERED\",\"occurredAt\":\"2026-11-27T13:00:00Z\",\"warehouseId\":\"WH-1\",\"amount\":-3}",
                        recordJson("e-2", "o-1", "SHIPPED")),
                null);
        assertThat(failures(response)).isEmpty();
        assertThat(statusOf("o-1")).isEqualTo(OrderStatus.SHIPPED);
        assertThat(quarantined)
                .extracting(Quarantine.Item::itemId)
                .containsExactly("shardId-000000000000:2", "shardId-000000000000:3");
        assertThat(quarantined.get(0).reason()).startsWith("undecodable: ");
        assertThat(quarantined.get(1).reason()).isEqualTo("business-invalid: amount: must not be negative");
        assertThat(new String(quarantined.get(0).payload(), StandardCharsets.UTF_8))
                .isEqualTo("not json {");
    }

    @Test
    void records_that_are_not_utf8_or_have_wrongly_typed_fields_are_quarantined_with_the_reason() {
        placePaidOrder(store, "o-1");
        KinesisEvent event = batch(
                "x",
                "{\"eventId\":7,\"orderId\":\"o-1\",\"type\":\"PICKED\",\"occurredAt\":\"2026-11-27T13:00:00Z\",\"warehouseId\":\"WH-1\"}");
        event.getRecords().getFirst().getKinesis().setData(ByteBuffer.wrap(new byte[] {(byte) 0xff, (byte) 0xfe}));
        assertThat(failures(handler.handleRequest(event, null))).isEmpty();
        assertThat(quarantined)
                .extracting(Quarantine.Item::reason)
                .containsExactly(
                        "undecodable: the data is not UTF-8 text", "schema-invalid: eventId: must be a string");
    }

    @Test
    void a_record_for_an_order_not_yet_visible_is_reported_as_the_first_failure_and_stops_the_batch() {
        placePaidOrder(store, "o-1");
        var response = handler.handleRequest(
                batch(
                        recordJson("e-1", "o-1", "PICKED"),
                        recordJson("e-9", "o-9", "PICKED"),
                        recordJson("e-2", "o-1", "SHIPPED")),
                null);
        assertThat(failures(response)).containsExactly("2");
        assertThat(statusOf("o-1")).isEqualTo(OrderStatus.PICKED);
        assertThat(quarantined).isEmpty();
    }

    @Test
    void an_unavailable_store_fails_the_record_it_stopped_at_without_quarantining_it() {
        InMemoryOrderStore failing = new InMemoryOrderStore() {
            @Override
            public synchronized UpdateResult update(
                    Order.Change change, Optional<dev.orders.domain.advancing.DedupeId> dedupeId) {
                if (change.order().status() == OrderStatus.SHIPPED) {
                    throw new IllegalStateException("store unavailable");
                }
                return super.update(change, dedupeId);
            }
        };
        placePaidOrder(failing, "o-1");
        var flaky = new FulfillmentEventsHandler(failing, quarantined::add, holdQueue, Clock.fixed(T0, ZoneOffset.UTC));
        var response = flaky.handleRequest(
                batch(
                        recordJson("e-1", "o-1", "PICKED"),
                        recordJson("e-2", "o-1", "SHIPPED"),
                        recordJson("e-3", "o-1", "DELIVERED")),
                null);
        assertThat(failures(response)).containsExactly("2");
        assertThat(failing.findOrder(new OrderId("o-1")).orElseThrow().status()).isEqualTo(OrderStatus.PICKED);
        assertThat(quarantined).isEmpty();
    }

    @Test
    void an_unavailable_quarantine_fails_the_poison_record_rather_than_dropping_it() {
        placePaidOrder(store, "o-1");
        var noQuarantine = new FulfillmentEventsHandler(
                store,
                item -> {
                    throw new IllegalStateException("queue unavailable");
                },
                holdQueue,
                Clock.fixed(T0, ZoneOffset.UTC));
        var response = noQuarantine.handleRequest(batch(recordJson("e-1", "o-1", "PICKED"), "garbage"), null);
        assertThat(failures(response)).containsExactly("2");
        assertThat(statusOf("o-1")).isEqualTo(OrderStatus.PICKED);
    }

    @Test
    void a_stale_record_is_ignored_without_a_failure() {
        placePaidOrder(store, "o-1");
        handler.handleRequest(batch(recordJson("e-2", "o-1", "SHIPPED"), recordJson("e-1", "o-1", "PICKED")), null);
        assertThat(statusOf("o-1")).isEqualTo(OrderStatus.SHIPPED);
        assertThat(eventsOf("o-1")).doesNotContain("OrderPicked");
    }

    @Test
    void an_empty_or_null_event_is_a_complete_success() {
        assertThat(failures(handler.handleRequest(new KinesisEvent(), null))).isEmpty();
        assertThat(failures(handler.handleRequest(null, null))).isEmpty();
    }

    @Test
    void a_record_for_an_unpaid_order_is_held_and_the_records_after_it_are_applied() {
        placeAcceptedOrder(store, "o-unpaid");
        placePaidOrder(store, "o-1");
        var response = handler.handleRequest(
                batch(recordJson("e-9", "o-unpaid", "SHIPPED"), recordJson("e-1", "o-1", "PICKED")), null);
        assertThat(failures(response)).isEmpty();
        assertThat(statusOf("o-unpaid")).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(statusOf("o-1")).isEqualTo(OrderStatus.PICKED);
        assertThat(heldBodies).containsExactly(recordJson("e-9", "o-unpaid", "SHIPPED"));
        assertThat(held.getFirst()).containsEntry("heldSince", T0.toString()).containsEntry("orderId", "o-unpaid");
        assertThat(quarantined).isEmpty();
    }

    @Test
    void an_unavailable_hold_queue_fails_the_record_rather_than_dropping_it() {
        placeAcceptedOrder(store, "o-unpaid");
        var noHold = new FulfillmentEventsHandler(
                store,
                quarantined::add,
                (body, attributes) -> {
                    throw new IllegalStateException("queue unavailable");
                },
                Clock.fixed(T0, ZoneOffset.UTC));
        assertThat(failures(noHold.handleRequest(batch(recordJson("e-9", "o-unpaid", "SHIPPED")), null)))
                .containsExactly("1");
    }

    @Test
    void a_record_redelivered_within_one_batch_is_applied_once() {
        placePaidOrder(store, "o-1");
        var response = handler.handleRequest(
                batch(
                        recordJson("e-1", "o-1", "PICKED"),
                        recordJson("e-1", "o-1", "PICKED"),
                        recordJson("e-2", "o-1", "SHIPPED"),
                        recordJson("e-2", "o-1", "SHIPPED")),
                null);
        assertThat(failures(response)).isEmpty();
        assertThat(eventsOf("o-1")).containsExactly("OrderAccepted", "OrderPaid", "OrderPicked", "OrderShipped");
    }

    @Test
    void a_batch_of_many_orders_reads_them_in_one_store_call_and_writes_them_in_one() {
        List<String> calls = new CopyOnWriteArrayList<>();
        InMemoryOrderStore counting = new InMemoryOrderStore() {
            @Override
            public Map<OrderId, Order> findOrders(java.util.Collection<OrderId> ids) {
                calls.add("findOrders");
                Map<OrderId, Order> found = new java.util.HashMap<>();
                ids.forEach(id -> findOrder(id).ifPresent(order -> found.put(id, order)));
                return found;
            }

            @Override
            public synchronized List<UpdateResult> apply(List<Write> writes) {
                calls.add("apply");
                return super.apply(writes);
            }
        };
        placePaidOrder(counting, "o-1");
        placePaidOrder(counting, "o-2");
        var batched =
                new FulfillmentEventsHandler(counting, quarantined::add, holdQueue, Clock.fixed(T0, ZoneOffset.UTC));
        var response = batched.handleRequest(
                batch(
                        recordJson("e-1", "o-1", "PICKED"),
                        recordJson("e-2", "o-2", "PICKED"),
                        "garbage",
                        recordJson("e-3", "o-1", "SHIPPED"),
                        recordJson("e-4", "o-2", "SHIPPED")),
                null);
        assertThat(failures(response)).isEmpty();
        assertThat(calls).containsExactly("findOrders", "apply");
        assertThat(counting.findOrder(new OrderId("o-2")).orElseThrow().status())
                .isEqualTo(OrderStatus.SHIPPED);
        assertThat(quarantined).extracting(Quarantine.Item::itemId).containsExactly("shardId-000000000000:3");
    }

    @Test
    void a_crash_between_the_records_of_a_batch_and_its_redelivery_apply_each_record_once() {
        // The store writes one by one (as DynamoDB's adapter does) and fails after the first write: the batch stops at
        // the
        // second record, the first stays applied.
        boolean[] down = {false};
        InMemoryOrderStore crashing = new InMemoryOrderStore() {
            @Override
            public synchronized UpdateResult update(
                    Order.Change change, Optional<dev.orders.domain.advancing.DedupeId> dedupeId) {
                if (down[0]) {
                    throw new IllegalStateException("the process died");
                }
                UpdateResult result = super.update(change, dedupeId);
                if (change.order().status() == OrderStatus.PICKED
                        && change.order().id().value().equals("o-1")) {
                    down[0] = true;
                }
                return result;
            }
        };
        placePaidOrder(crashing, "o-1");
        var flaky =
                new FulfillmentEventsHandler(crashing, quarantined::add, holdQueue, Clock.fixed(T0, ZoneOffset.UTC));
        KinesisEvent event = batch(
                recordJson("e-1", "o-1", "PICKED"),
                recordJson("e-2", "o-1", "SHIPPED"),
                recordJson("e-3", "o-1", "DELIVERED"));

        assertThat(failures(flaky.handleRequest(event, null))).containsExactly("2");
        down[0] = false; // the process is back; Lambda delivers the batch again from the record reported
        assertThat(failures(flaky.handleRequest(event, null))).isEmpty();

        assertThat(crashing.findOrder(new OrderId("o-1")).orElseThrow().status())
                .isEqualTo(OrderStatus.DELIVERED);
        assertThat(crashing.outbox().stream().map(OrderEvent::detailType))
                .containsExactly("OrderAccepted", "OrderPaid", "OrderPicked", "OrderShipped", "OrderDelivered");
    }
}
