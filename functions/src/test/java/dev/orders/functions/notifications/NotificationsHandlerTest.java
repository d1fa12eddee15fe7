package dev.orders.functions.notifications;

import static dev.orders.domain.testing.Payments.acceptedOrder;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.domain.order.OrderEvent;
import dev.orders.domain.testing.Fixtures.MutableClock;
import dev.orders.domain.testing.InMemoryMailer;
import dev.orders.domain.testing.InMemoryOrderStore;
import dev.orders.functions.shared.Json;
import dev.orders.functions.shared.OrderJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationsHandlerTest {

    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final InMemoryMailer mailer = new InMemoryMailer();
    private final List<Map<String, String>> dead = new ArrayList<>();
    private final NotificationsHandler handler = new NotificationsHandler(store, mailer, (body, attributes) -> {
        dead.add(attributes);
        return "d-" + dead.size();
    });

    private static String envelope(OrderEvent event) {
        ObjectNode json = Json.internal().createObjectNode();
        json.put("version", "0")
                .put("id", event.eventId())
                .put("detail-type", event.detailType())
                .put("source", "orders");
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
        acceptedOrder(store, MutableClock.atNoon(), "o-1");
        String body = envelope(store.outbox().getFirst());
        assertThat(handler.handleRequest(batch(body, body), null).getBatchItemFailures())
                .isEmpty();
        assertThat(handler.handleRequest(batch(body), null).getBatchItemFailures())
                .isEmpty();
        assertThat(mailer.sent()).singleElement().satisfies(n -> {
            assertThat(n.eventType()).isEqualTo("OrderAccepted");
            assertThat(n.orderId().value()).isEqualTo("o-1");
        });
    }

    @Test
    void a_message_that_is_not_an_order_event_fails_alone() {
        acceptedOrder(store, MutableClock.atNoon(), "o-1");
        SQSBatchResponse response = handler.handleRequest(
                batch(
                        "{\"detail-type\":\"OrderPaid\",\"detail\":{}}",
                        envelope(store.outbox().getFirst()),
                        "not json"),
                null);
        assertThat(response.getBatchItemFailures())
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m0", "m2");
        assertThat(mailer.sent()).hasSize(1);
    }

    @Test
    void a_message_the_mail_provider_refuses_goes_to_the_dlq_with_its_reason_and_is_not_retried() {
        acceptedOrder(store, MutableClock.atNoon(), "o-1");
        NotificationsHandler refusing = new NotificationsHandler(
                store,
                n -> new dev.orders.domain.port.Mailer.Delivery.Refused(
                        "ses-refused: MessageRejected: Email address is not verified."),
                (body, attributes) -> {
                    dead.add(attributes);
                    return "d-1";
                });
        SQSBatchResponse response =
                refusing.handleRequest(batch(envelope(store.outbox().getFirst())), null);
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(dead)
                .singleElement()
                .satisfies(a -> assertThat(a)
                        .containsEntry(
                                "RejectionReason", "ses-refused: MessageRejected: Email address is not verified.")
                        .containsEntry("RejectionCode", "undeliverable"));
    }

    @Test
    void a_mail_provider_that_cannot_take_the_message_now_has_it_retried() {
        acceptedOrder(store, MutableClock.atNoon(), "o-1");
        NotificationsHandler throttled = new NotificationsHandler(
                store,
                n -> {
                    throw new IllegalStateException("TooManyRequestsException");
                },
                (body, attributes) -> "d-1");
        SQSBatchResponse response =
                throttled.handleRequest(batch(envelope(store.outbox().getFirst())), null);
        assertThat(response.getBatchItemFailures())
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m0");
    }

    @Test
    void an_order_without_a_verified_address_is_done_without_a_message() {
        dev.orders.domain.testing.FulfillmentFixtures.placeAcceptedOrder(store, "o-2");
        SQSBatchResponse response =
                handler.handleRequest(batch(envelope(store.outbox().getFirst())), null);
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(mailer.sent()).isEmpty();
    }
}
