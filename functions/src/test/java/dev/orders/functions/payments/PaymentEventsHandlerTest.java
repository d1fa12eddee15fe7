package dev.orders.functions.payments;

import static dev.orders.domain.testing.Payments.acceptedOrder;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.OrderStatus;
import dev.orders.domain.port.OrderStore;
import dev.orders.domain.testing.Fixtures.MutableClock;
import dev.orders.domain.testing.InMemoryOrderStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaymentEventsHandlerTest {

    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final MutableClock clock = MutableClock.atNoon();
    private final List<String> dead = new ArrayList<>();
    private final List<Map<String, String>> deadAttributes = new ArrayList<>();
    private final PaymentEventsHandler handler = handler(store);

    private PaymentEventsHandler handler(OrderStore orders) {
        return new PaymentEventsHandler(
                orders,
                (body, attrs) -> {
                    dead.add(body);
                    deadAttributes.add(attrs);
                    return "d-" + dead.size();
                },
                clock);
    }

    static String event(String id, String type, String orderId, String amount) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"created\":1,\"data\":{\"orderId\":\"" + orderId
                + "\",\"paymentId\":\"pay_" + id + "\",\"amount\":\"" + amount + "\",\"currency\":\"EUR\"}}";
    }

    static SQSEvent batch(String... bodies) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("m" + i);
            message.setBody(bodies[i]);
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

    private OrderStatus status(String orderId) {
        return store.findOrder(new OrderId(orderId)).orElseThrow().status();
    }

    @Test
    void only_the_message_for_an_unknown_order_is_reported_failed() {
        acceptedOrder(store, clock, "o-1");
        acceptedOrder(store, clock, "o-3");
        SQSBatchResponse response = handler.handleRequest(
                batch(
                        event("evt_1", "payment.succeeded", "o-1", "30.00"),
                        event("evt_2", "payment.succeeded", "o-2", "30.00"),
                        event("evt_3", "payment.failed", "o-3", "30.00")),
                null);
        assertThat(failed(response)).containsExactly("m1");
        assertThat(status("o-1")).isEqualTo(OrderStatus.PAID);
        assertThat(status("o-3")).isEqualTo(OrderStatus.PAYMENT_FAILED);
    }

    @Test
    void an_amount_mismatch_goes_to_the_dlq_with_its_reason_and_is_not_retried() {
        acceptedOrder(store, clock, "o-1");
        String body = event("evt_1", "payment.succeeded", "o-1", "29.00");
        SQSBatchResponse response = handler.handleRequest(batch(body), null);
        assertThat(failed(response)).isEmpty();
        assertThat(dead).containsExactly(body);
        assertThat(deadAttributes.getFirst().get(dev.orders.functions.shared.DeadLetters.REASON_ATTRIBUTE))
                .isEqualTo("amount 29.00 EUR does not match the order total 30.00 EUR");
        assertThat(status("o-1")).isEqualTo(OrderStatus.ACCEPTED);
    }

    @Test
    void an_undecodable_message_goes_to_the_dlq_with_its_reason() {
        SQSBatchResponse response =
                handler.handleRequest(batch("{\"id\":\"evt_9\",\"type\":\"payment.refunded\"}"), null);
        assertThat(failed(response)).isEmpty();
        assertThat(deadAttributes.getFirst())
                .containsEntry("RejectionCode", "invalid_event")
                .containsEntry(
                        dev.orders.functions.shared.DeadLetters.REASON_ATTRIBUTE,
                        "type must be payment.succeeded or payment.failed");
    }

    @Test
    void a_duplicate_in_the_same_batch_has_one_effect() {
        acceptedOrder(store, clock, "o-1");
        String body = event("evt_1", "payment.succeeded", "o-1", "30.00");
        assertThat(failed(handler.handleRequest(batch(body, body), null))).isEmpty();
        assertThat(store.outbox()).extracting(e -> e.detailType()).containsExactly("OrderAccepted", "OrderPaid");
    }

    @Test
    void a_failing_store_fails_only_its_message_and_a_failing_dlq_keeps_the_message() {
        acceptedOrder(store, clock, "o-1");
        InMemoryOrderStore flaky = new InMemoryOrderStore() {
            @Override
            public synchronized java.util.Optional<dev.orders.domain.order.Order> findOrder(OrderId id) {
                if (id.value().equals("o-2")) {
                    throw new IllegalStateException("store unavailable");
                }
                return store.findOrder(id);
            }
        };
        PaymentEventsHandler withFlakyStore = handler(flaky);
        assertThat(failed(withFlakyStore.handleRequest(
                        batch(
                                event("evt_2", "payment.succeeded", "o-2", "30.00"),
                                event("evt_1", "payment.succeeded", "o-1", "29.00")),
                        null)))
                .containsExactly("m0");

        PaymentEventsHandler noDlq = new PaymentEventsHandler(
                store,
                (b, a) -> {
                    throw new IllegalStateException("dlq down");
                },
                clock);
        assertThat(failed(noDlq.handleRequest(batch(event("evt_1", "payment.succeeded", "o-1", "29.00")), null)))
                .containsExactly("m0");
    }
}
