package dev.orders.functions.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboxPublisherHandlerTest {

    /** Accepts the first {@code accepting} events it is offered, then refuses. */
    private static final class Bus implements EventPublisher {
        final List<OutboundEvent> offered = new ArrayList<>();
        int accepting = Integer.MAX_VALUE;

        @Override
        public int publish(List<OutboundEvent> events) {
            offered.addAll(events);
            return Math.min(accepting, events.size());
        }
    }

    private final Bus bus = new Bus();
    private final OutboxPublisherHandler handler = new OutboxPublisherHandler(bus);

    @Test
    void new_outbox_items_become_bus_events_in_stream_order() {
        StreamsEventResponse response =
                handler.handleRequest(batch(outbox("1", "e1", "OrderAccepted"), outbox("2", "e2", "OrderPaid")), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(bus.offered)
                .containsExactly(
                        new OutboundEvent(
                                "e1", "OrderAccepted", "{\"eventId\":\"e1\"}", Instant.parse("2026-11-27T12:00:00Z")),
                        new OutboundEvent(
                                "e2", "OrderPaid", "{\"eventId\":\"e2\"}", Instant.parse("2026-11-27T12:00:00Z")));
    }

    @Test
    void orders_keys_modifications_and_ttl_deletions_are_not_published() {
        DynamodbStreamRecord order = record("1", "INSERT", Map.of("kind", s("order"), "pk", s("ORDER#o1")));
        DynamodbStreamRecord modified = outbox("2", "e2", "OrderPaid");
        modified.setEventName("MODIFY");
        DynamodbStreamRecord expired = outbox("3", "e3", "OrderPaid");
        expired.setEventName("REMOVE");

        StreamsEventResponse response =
                handler.handleRequest(batch(order, modified, expired, outbox("4", "e4", "OrderShipped")), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(bus.offered).extracting(OutboundEvent::eventId).containsExactly("e4");
    }

    @Test
    void when_the_bus_refuses_an_event_its_record_is_reported_so_lambda_retries_from_there() {
        bus.accepting = 1;

        StreamsEventResponse response = handler.handleRequest(
                batch(
                        outbox("10", "e1", "OrderAccepted"),
                        record("11", "INSERT", Map.of("kind", s("dedupe"))),
                        outbox("12", "e2", "OrderPaid"),
                        outbox("13", "e3", "OrderPicked")),
                null);

        assertThat(response.getBatchItemFailures())
                .extracting(BatchItemFailure::getItemIdentifier)
                .containsExactly("12");
    }

    @Test
    void a_malformed_outbox_item_stops_the_batch_at_itself_after_publishing_what_came_before() {
        DynamodbStreamRecord broken = record("21", "INSERT", Map.of("kind", s("outbox"), "eventId", s("bad")));

        StreamsEventResponse response = handler.handleRequest(
                batch(outbox("20", "e1", "OrderAccepted"), broken, outbox("22", "e3", "OrderPaid")), null);

        assertThat(bus.offered).extracting(OutboundEvent::eventId).containsExactly("e1");
        assertThat(response.getBatchItemFailures())
                .extracting(BatchItemFailure::getItemIdentifier)
                .containsExactly("21");
    }

    @Test
    void an_empty_batch_publishes_nothing_and_succeeds() {
        assertThat(handler.handleRequest(batch(), null).getBatchItemFailures()).isEmpty();
        assertThat(bus.offered).isEmpty();
    }

    @Test
    void the_publisher_runs_with_its_request_id_in_the_logging_context() {
        List<String> seen = new java.util.ArrayList<>();
        OutboxPublisherHandler handler = new OutboxPublisherHandler(events -> {
            seen.add(org.slf4j.MDC.get("function_request_id"));
            return events.size();
        });
        handler.handleRequest(
                batch(outbox("1", "e1", "OrderPaid")),
                new dev.orders.functions.testing.TestContext("OutboxPublisherFunction").next());
        assertThat(seen).containsExactly("test-request-1");
    }

    private static DynamodbEvent batch(DynamodbStreamRecord... records) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of(records));
        return event;
    }

    private static DynamodbStreamRecord outbox(String sequence, String eventId, String detailType) {
        return record(
                sequence,
                "INSERT",
                Map.of(
                        "pk",
                        s("OUTBOX#" + eventId),
                        "kind",
                        s("outbox"),
                        "eventId",
                        s(eventId),
                        "detailType",
                        s(detailType),
                        "detail",
                        s("{\"eventId\":\"" + eventId + "\"}"),
                        "occurredAt",
                        s("2026-11-27T12:00:00Z")));
    }

    private static DynamodbStreamRecord record(String sequence, String eventName, Map<String, AttributeValue> image) {
        StreamRecord stream = new StreamRecord();
        stream.setSequenceNumber(sequence);
        stream.setNewImage(new HashMap<>(image));
        DynamodbStreamRecord record = new DynamodbStreamRecord();
        record.setEventName(eventName);
        record.setDynamodb(stream);
        return record;
    }

    private static AttributeValue s(String value) {
        return new AttributeValue().withS(value);
    }
}
