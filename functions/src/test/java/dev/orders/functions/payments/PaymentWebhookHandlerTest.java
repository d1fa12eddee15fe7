package dev.orders.functions.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.orders.domain.testing.Fixtures.MutableClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PaymentWebhookHandlerTest {

    private static final String SECRET = "whsec_local";
    private final MutableClock clock = MutableClock.atNoon();
    private final List<String> queued = new ArrayList<>();
    private final List<Map<String, String>> attributes = new ArrayList<>();
    private final PaymentWebhookHandler handler = new PaymentWebhookHandler(
            new PaymentSecrets(SECRET, Optional.empty()),
            (body, attrs) -> {
                queued.add(body);
                attributes.add(attrs);
                return "m-" + queued.size();
            },
            clock);

    private static final String EVENT = "{\"id\":\"evt_1\",\"type\":\"payment.succeeded\",\"created\":1,"
            + "\"data\":{\"orderId\":\"o-1\",\"paymentId\":\"pay_1\",\"amount\":\"30.00\",\"currency\":\"EUR\"}}";

    private APIGatewayProxyResponseEvent post(String body, String signature) {
        return post("acmepay", body, signature);
    }

    private APIGatewayProxyResponseEvent post(String provider, String body, String signature) {
        Map<String, String> headers = new java.util.HashMap<>(Map.of("content-type", "application/json"));
        if (signature != null) {
            headers.put("payment-signature", signature);
        }
        return handler.handleRequest(
                new APIGatewayProxyRequestEvent()
                        .withHttpMethod("POST")
                        .withResource("/payments/callbacks/{provider}")
                        .withPathParameters(Map.of("provider", provider))
                        .withHeaders(headers)
                        .withBody(body),
                null);
    }

    private String sign(String body) {
        return WebhookSignature.sign(SECRET, clock.instant(), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_callback_for_another_provider_is_404_and_nothing_is_stored() {
        assertThat(post("otherpay", EVENT, sign(EVENT)).getStatusCode()).isEqualTo(404);
        assertThat(queued).isEmpty();
    }

    @Test
    void a_valid_callback_is_stored_raw_then_acknowledged() {
        APIGatewayProxyResponseEvent response = post(EVENT, sign(EVENT));
        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(queued).containsExactly(EVENT);
        assertThat(attributes.getFirst())
                .containsEntry("providerEventId", "evt_1")
                .containsEntry("provider", "acmepay");
    }

    @Test
    void a_tampered_callback_is_refused_and_nothing_is_stored() {
        String signature = sign(EVENT);
        APIGatewayProxyResponseEvent response = post(EVENT.replace("30.00", "0.01"), signature);
        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(queued).isEmpty();
    }

    @Test
    void an_unsigned_callback_is_a_bad_request_and_nothing_is_stored() {
        assertThat(post(EVENT, null).getStatusCode()).isEqualTo(400);
        assertThat(queued).isEmpty();
    }

    @Test
    void a_signed_body_that_is_not_an_event_is_refused() {
        for (String body : new String[] {"[1,2]", "{\"id\":7}", "not json", "{\"id\":\"a\",\"id\":\"b\"}"}) {
            assertThat(post(body, sign(body)).getStatusCode()).as(body).isEqualTo(400);
        }
        assertThat(queued).isEmpty();
    }

    @Test
    void a_queue_that_cannot_store_is_not_acknowledged() {
        PaymentWebhookHandler failing = new PaymentWebhookHandler(
                new PaymentSecrets(SECRET, Optional.empty()),
                (body, attrs) -> {
                    throw new IllegalStateException("queue down");
                },
                clock);
        APIGatewayProxyResponseEvent response = failing.handleRequest(
                new APIGatewayProxyRequestEvent()
                        .withHeaders(Map.of("Payment-Signature", sign(EVENT)))
                        .withBody(EVENT),
                null);
        assertThat(response.getStatusCode()).isEqualTo(503);
    }

    @Test
    void an_oversized_callback_is_refused() {
        String big = "{\"id\":\"evt_1\",\"pad\":\"" + "x".repeat(70_000) + "\"}";
        assertThat(post(big, sign(big)).getStatusCode()).isEqualTo(413);
        assertThat(queued).isEmpty();
    }
}
