package dev.orders.functions.notifications;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.domain.order.OrderEvent;
import dev.orders.domain.testing.Fixtures.MutableClock;
import dev.orders.domain.testing.InMemoryMailer;
import dev.orders.domain.testing.InMemoryOrderStore;
import dev.orders.functions.shared.Json;
import dev.orders.functions.shared.OrderJson;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.orders.domain.testing.Payments.acceptedOrder;
import static org.assertj.core.api.Assertions.assertThat;

class NotificationsHandlerTest {

    private final InMemoryMailer mailer = new InMemoryMailer();
    private final NotificationsHandler handler = new NotificationsHandler(mailer);

    private static String envelope(OrderEvent event) {
        ObjectNode json = Json.internal().createObjectNode();
        json.put("version", "0").put("id", event.eventId()).put("detail-type", event.detailType()).put("source", "orders");
        json.set("detail", OrderJson.detail(event));
        return json.toString();
    }

    private static SQSEvent batch(String... bodies) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId("m" + i);
            m.setBody(bodies[i]);
            records.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    @Test
    void the_same_event_delivered_twice_in_a_batch_and_again_later_sends_one_message() {
        InMemoryOrderStore store = new InMemoryOrderStore();
        acceptedOrder(store, MutableClock.atNoon(), "o-1");
        String body = envelope(store.outbox().getFirst());
        assertThat(handler.handleRequest(batch(body, body), null).getBatchItemFailures()).isEmpty();
        assertThat(handler.handleRequest(batch(body), null).getBatchItemFailures()).isEmpty();
        assertThat(mailer.sent()).singleElement().satisfies(n -> {
            assertThat(n.eventType()).isEqualTo("OrderAccepted");
            assertThat(n.orderId().value()).isEqualTo("o-1");
        });
    }

    @Test
    void a_message_that_is_not_an_order_event_fails_alone() {
        InMemoryOrderStore store = new InMemoryOrderStore();
        acceptedOrder(store, MutableClock.atNoon(), "o-1");
        SQSBatchResponse response = handler.handleRequest(batch("{\"detail-type\":\"OrderPaid\",\"detail\":{}}",
                envelope(store.outbox().getFirst()), "not json"), null);
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m0", "m2");
        assertThat(mailer.sent()).hasSize(1);
    }
}
