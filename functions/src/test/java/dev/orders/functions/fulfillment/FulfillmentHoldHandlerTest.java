package dev.orders.functions.fulfillment;

import static dev.orders.domain.testing.FulfillmentFixtures.placeAcceptedOrder;
import static dev.orders.domain.testing.FulfillmentFixtures.recordJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.orders.domain.advancing.DedupeId;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.OrderStatus;
import dev.orders.domain.port.Quarantine;
import dev.orders.domain.testing.Fixtures.MutableClock;
import dev.orders.domain.testing.InMemoryOrderStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class FulfillmentHoldHandlerTest {

    private static final Duration WAIT = Duration.ofMinutes(15);
    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final MutableClock clock = MutableClock.atNoon();
    private final Instant heldSince = clock.instant();
    private final List<Quarantine.Item> quarantined = new CopyOnWriteArrayList<>();
    private final FulfillmentHoldHandler handler = new FulfillmentHoldHandler(store, quarantined::add, WAIT, clock);

    private static SQSEvent held(Instant since, String... bodies) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("m" + i);
            message.setBody(bodies[i]);
            Map<String, SQSEvent.MessageAttribute> attributes = new LinkedHashMap<>();
            if (since != null) {
                SQSEvent.MessageAttribute at = new SQSEvent.MessageAttribute();
                at.setDataType("String");
                at.setStringValue(since.toString());
                attributes.put(FulfillmentHold.HELD_SINCE, at);
            }
            message.setMessageAttributes(attributes);
            records.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static List<String> failed(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    private OrderStatus statusOf(String orderId) {
        return store.findOrder(new OrderId(orderId)).orElseThrow().status();
    }

    @Test
    void a_record_for_an_order_still_unpaid_comes_back_and_changes_nothing() {
        placeAcceptedOrder(store, "o-1");
        assertThat(failed(handler.handleRequest(held(heldSince, recordJson("e-1", "o-1", "SHIPPED")), null)))
                .containsExactly("m0");
        assertThat(statusOf("o-1")).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(quarantined).isEmpty();
    }

    @Test
    void once_the_order_is_paid_the_held_record_applies_once_and_is_done() {
        Order accepted = placeAcceptedOrder(store, "o-1");
        handler.handleRequest(held(heldSince, recordJson("e-1", "o-1", "SHIPPED")), null);
        store.update(
                (Order.Change) accepted.advance(OrderStatus.PAID, "pay-1", clock.instant()),
                Optional.of(DedupeId.payment("pay-1")));
        clock.advance(Duration.ofSeconds(30));
        assertThat(failed(handler.handleRequest(held(heldSince, recordJson("e-1", "o-1", "SHIPPED")), null)))
                .isEmpty();
        assertThat(failed(handler.handleRequest(held(heldSince, recordJson("e-1", "o-1", "SHIPPED")), null)))
                .isEmpty();
        assertThat(statusOf("o-1")).isEqualTo(OrderStatus.SHIPPED);
        assertThat(store.outbox())
                .extracting(e -> e.detailType())
                .containsExactly("OrderAccepted", "OrderPaid", "OrderShipped");
    }

    @Test
    void a_record_held_past_the_wait_is_quarantined_with_its_reason_and_done() {
        placeAcceptedOrder(store, "o-1");
        clock.advance(WAIT);
        assertThat(failed(handler.handleRequest(held(heldSince, recordJson("e-1", "o-1", "DELIVERED")), null)))
                .isEmpty();
        assertThat(quarantined).singleElement().satisfies(item -> {
            assertThat(item.reason()).startsWith("order-not-paid: order o-1 is still ACCEPTED");
            assertThat(item.source()).isEqualTo("fulfillment-hold");
            assertThat(new String(item.payload(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(recordJson("e-1", "o-1", "DELIVERED"));
        });
        assertThat(statusOf("o-1")).isEqualTo(OrderStatus.ACCEPTED);
    }

    @Test
    void a_held_message_without_its_start_or_not_a_record_is_quarantined_not_retried_forever() {
        assertThat(failed(handler.handleRequest(held(null, recordJson("e-1", "o-1", "SHIPPED")), null)))
                .isEmpty();
        assertThat(failed(handler.handleRequest(held(heldSince, "not json"), null)))
                .isEmpty();
        assertThat(quarantined)
                .extracting(Quarantine.Item::reason)
                .satisfiesExactly(
                        r -> assertThat(r).startsWith("hold-invalid:"),
                        r -> assertThat(r).startsWith("undecodable:"));
    }

    @Test
    void an_unavailable_quarantine_keeps_the_message() {
        placeAcceptedOrder(store, "o-1");
        clock.advance(WAIT);
        var noQuarantine = new FulfillmentHoldHandler(
                store,
                item -> {
                    throw new IllegalStateException("queue unavailable");
                },
                WAIT,
                clock);
        assertThat(failed(noQuarantine.handleRequest(held(heldSince, recordJson("e-1", "o-1", "SHIPPED")), null)))
                .containsExactly("m0");
    }
}
