package dev.orders.functions.api;

import static dev.orders.functions.api.ApiEvents.BODY;
import static dev.orders.functions.api.ApiEvents.get;
import static dev.orders.functions.api.ApiEvents.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.testing.Fixtures.MutableClock;
import dev.orders.domain.testing.InMemoryOrderStore;
import dev.orders.functions.shared.Json;
import dev.orders.functions.testing.TestContext;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderApiHandlerTest {

    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final MutableClock clock = MutableClock.atNoon();
    private final OrderApiHandler handler = new OrderApiHandler(store, clock);

    private APIGatewayProxyResponseEvent call(APIGatewayProxyRequestEvent event) {
        return handler.handleRequest(event, new TestContext("OrderApiFunction"));
    }

    private static JsonNode json(APIGatewayProxyResponseEvent response) throws Exception {
        return Json.internal().readTree(response.getBody());
    }

    @Nested
    class Placing {

        @Test
        void a_first_request_is_accepted_with_202_and_a_location() throws Exception {
            APIGatewayProxyResponseEvent response = call(post("alice", "k1", BODY));
            assertThat(response.getStatusCode()).isEqualTo(202);
            JsonNode body = json(response);
            assertThat(body.get("status").asText()).isEqualTo("ACCEPTED");
            assertThat(response.getHeaders())
                    .containsEntry("Location", "/orders/" + body.get("orderId").asText());
            assertThat(store.outbox()).hasSize(1);
        }

        @Test
        void a_replayed_request_without_order_id_returns_the_same_order_with_200() throws Exception {
            String first = json(call(post("alice", "k1", BODY))).get("orderId").asText();
            APIGatewayProxyResponseEvent again = call(post("alice", "k1", BODY));
            assertThat(again.getStatusCode()).isEqualTo(200);
            assertThat(json(again).get("orderId").asText()).isEqualTo(first);
            assertThat(store.orderCount()).isEqualTo(1);
            assertThat(store.outbox()).hasSize(1);
        }

        @Test
        void a_replay_reports_the_current_status() throws Exception {
            String id = json(call(post("alice", "k1", BODY))).get("orderId").asText();
            Order order = store.findOrder(new OrderId(id)).orElseThrow();
            store.update(
                    (Order.Change) order.advance(dev.orders.domain.order.OrderStatus.PAID, "p1", clock.instant()),
                    Optional.empty());
            assertThat(json(call(post("alice", "k1", BODY))).get("status").asText())
                    .isEqualTo("PAID");
        }

        /** A request whose token carries an {@code email} claim with {@code email_verified} as given. */
        private APIGatewayProxyRequestEvent postWithEmail(String key, String verified) {
            var request = post("alice", key, BODY);
            request.getRequestContext()
                    .setAuthorizer(new java.util.HashMap<>(java.util.Map.of(
                            "claims",
                            java.util.Map.of(
                                    "sub", "alice", "email", "alice@example.com", "email_verified", verified))));
            return request;
        }

        @Test
        void a_verified_email_claim_is_kept_with_the_order_and_never_answered() throws Exception {
            String id =
                    json(call(postWithEmail("k-mail", "true"))).get("orderId").asText();
            assertThat(store.findOrder(new OrderId(id)).orElseThrow().contact())
                    .contains(new dev.orders.domain.order.EmailAddress("alice@example.com"));
            assertThat(call(get("alice", id)).getBody())
                    .doesNotContain("alice@example.com")
                    .doesNotContain("contact");
        }

        @Test
        void an_unverified_email_claim_is_not_kept() throws Exception {
            String id = json(call(postWithEmail("k-unverified", "false")))
                    .get("orderId")
                    .asText();
            assertThat(store.findOrder(new OrderId(id)).orElseThrow().contact()).isEmpty();
        }

        @Test
        void the_same_key_with_a_different_payload_is_422() {
            call(post("alice", "k1", BODY));
            APIGatewayProxyResponseEvent response =
                    call(post("alice", "k1", BODY.replace("\"quantity\":2", "\"quantity\":3")));
            assertThat(response.getStatusCode()).isEqualTo(422);
            assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
            assertThat(store.orderCount()).isEqualTo(1);
        }

        @Test
        void an_order_id_owned_by_another_key_is_409() {
            String withId = BODY.replace("{\"items\"", "{\"orderId\":\"o-42\",\"items\"");
            assertThat(call(post("alice", "k1", withId)).getStatusCode()).isEqualTo(202);
            assertThat(call(post("alice", "k2", withId)).getStatusCode()).isEqualTo(409);
            assertThat(call(post("bob", "k1", withId)).getStatusCode()).isEqualTo(409);
            assertThat(store.outbox()).hasSize(1);
        }

        @Test
        void a_missing_idempotency_key_is_400() throws Exception {
            APIGatewayProxyResponseEvent response = call(post("alice", null, BODY));
            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(json(response).get("type").asText()).isEqualTo("urn:orders:problem:idempotency-key");
            assertThat(store.orderCount()).isZero();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "caf\u00e9", "tab\tkey"})
        void an_invalid_idempotency_key_is_400(String key) {
            assertThat(call(post("alice", key, BODY)).getStatusCode()).isEqualTo(400);
        }

        @Test
        void an_idempotency_key_of_256_characters_is_400_and_255_is_fine() {
            assertThat(call(post("alice", "k".repeat(256), BODY)).getStatusCode())
                    .isEqualTo(400);
            assertThat(call(post("alice", "k".repeat(255), BODY)).getStatusCode())
                    .isEqualTo(202);
        }

        @Test
        void an_invalid_body_is_400_with_every_field_error() throws Exception {
            String body = """
                    {"orderId":"no spaces allowed","surprise":true,
                     "items":[{"sku":"","quantity":1000,"unitPrice":{"amount":12.5,"currency":"EUR"}},
                              {"sku":"B","quantity":"2","unitPrice":{"amount":"1.00","currency":"USD"},"colour":"red"}]}""";
            APIGatewayProxyResponseEvent response = call(post("alice", "k1", body));
            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
            assertThat(json(response).get("errors").findValuesAsText("field"))
                    .containsExactlyInAnyOrder(
                            "surprise",
                            "items[0].unitPrice.amount",
                            "items[1].colour",
                            "items[1].quantity",
                            "orderId",
                            "items[0].sku",
                            "items[0].quantity",
                            "items[1].unitPrice.currency");
            assertThat(store.orderCount()).isZero();
        }

        @Test
        void mixed_currencies_are_400() throws Exception {
            String body = BODY.replace("\"5.00\",\"currency\":\"EUR\"", "\"5.00\",\"currency\":\"USD\"");
            APIGatewayProxyResponseEvent response = call(post("alice", "k1", body));
            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(json(response).get("errors").findValuesAsText("field"))
                    .containsExactly("items[1].unitPrice.currency");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "",
                    "null",
                    "[]",
                    "\"text\"",
                    "{",
                    "{\"items\":[]} trailing",
                    "{\"items\":1,\"items\":2}",
                    "\u0000"
                })
        void a_body_that_is_not_one_json_object_is_400(String body) {
            assertThat(call(post("alice", "k1", body)).getStatusCode()).isEqualTo(400);
            assertThat(store.orderCount()).isZero();
        }

        @Test
        void deeply_nested_json_is_400_not_a_stack_overflow() {
            String deep = "{\"items\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
            assertThat(call(post("alice", "k1", deep)).getStatusCode()).isEqualTo(400);
        }

        @Test
        void a_body_over_64_kib_is_413() {
            String big = "{\"items\":[],\"pad\":\"" + "x".repeat(64 * 1024) + "\"}";
            assertThat(call(post("alice", "k1", big)).getStatusCode()).isEqualTo(413);
        }

        @Test
        void a_base64_encoded_body_is_read_as_bytes() {
            APIGatewayProxyRequestEvent event =
                    post("alice", "k1", Base64.getEncoder().encodeToString(BODY.getBytes()));
            event.setIsBase64Encoded(true);
            assertThat(call(event).getStatusCode()).isEqualTo(202);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {"text/plain", "application/xml", "application/json; charset=latin1", "application/jsonx"})
        void a_content_type_other_than_json_is_415(String contentType) {
            APIGatewayProxyRequestEvent event = post("alice", "k1", BODY);
            event.getHeaders().put("content-type", contentType);
            assertThat(call(event).getStatusCode()).isEqualTo(415);
        }

        @Test
        void json_with_a_utf8_charset_and_any_header_case_is_accepted() {
            APIGatewayProxyRequestEvent event = post("alice", "k1", BODY);
            event.getHeaders().remove("content-type");
            event.getHeaders().put("Content-Type", "Application/JSON; charset=UTF-8");
            assertThat(call(event).getStatusCode()).isEqualTo(202);
        }

        @Test
        void a_missing_content_type_is_415() {
            APIGatewayProxyRequestEvent event = post("alice", "k1", BODY);
            event.getHeaders().remove("content-type");
            assertThat(call(event).getStatusCode()).isEqualTo(415);
        }

        @Test
        void no_authorizer_claims_is_401() {
            assertThat(call(post(null, "k1", BODY)).getStatusCode()).isEqualTo(401);
        }

        @Test
        void a_customer_id_that_is_not_the_token_subject_is_403() {
            String forBob = BODY.replace("{\"items\"", "{\"customerId\":\"bob\",\"items\"");
            assertThat(call(post("alice", "k1", forBob)).getStatusCode()).isEqualTo(403);
            assertThat(store.orderCount()).isZero();
        }

        @Test
        void keys_expire_after_24_hours() throws Exception {
            String first = json(call(post("alice", "k1", BODY))).get("orderId").asText();
            clock.advance(Duration.ofHours(24));
            APIGatewayProxyResponseEvent later = call(post("alice", "k1", BODY));
            assertThat(later.getStatusCode()).isEqualTo(202);
            assertThat(json(later).get("orderId").asText()).isNotEqualTo(first);
        }

        @Test
        void a_failing_store_is_503_with_retry_after_and_no_stack_trace() {
            OrderApiHandler failing = new OrderApiHandler(
                    new InMemoryOrderStore() {
                        @Override
                        public synchronized PlaceResult place(
                                dev.orders.domain.placing.IdempotencyRecord record, Order.Change accepted) {
                            throw new IllegalStateException("table unavailable");
                        }
                    },
                    clock);
            APIGatewayProxyResponseEvent response =
                    failing.handleRequest(post("alice", "k1", BODY), new TestContext("OrderApiFunction"));
            assertThat(response.getStatusCode()).isEqualTo(503);
            assertThat(response.getHeaders()).containsEntry("Retry-After", "1");
            assertThat(response.getBody()).doesNotContain("table unavailable").doesNotContain("Exception");
        }
    }

    @Nested
    class Viewing {

        @Test
        void the_owner_reads_status_history_and_receipts() throws Exception {
            String id = json(call(post("alice", "k1", BODY))).get("orderId").asText();
            APIGatewayProxyResponseEvent response = call(get("alice", id));
            assertThat(response.getStatusCode()).isEqualTo(200);
            JsonNode order = json(response);
            assertThat(order.get("status").asText()).isEqualTo("ACCEPTED");
            assertThat(order.get("total").get("amount").asText()).isEqualTo("30.00");
            assertThat(order.get("history").get(0).get("status").asText()).isEqualTo("ACCEPTED");
            assertThat(order.get("receipts").isArray()).isTrue();
            assertThat(order.has("version")).isFalse();
        }

        @Test
        void another_customers_order_is_404_like_a_missing_one() throws Exception {
            String id = json(call(post("alice", "k1", BODY))).get("orderId").asText();
            APIGatewayProxyResponseEvent bobs = call(get("bob", id));
            APIGatewayProxyResponseEvent missing = call(get("bob", "no-such-order"));
            assertThat(bobs.getStatusCode()).isEqualTo(404);
            assertThat(bobs.getBody()).isEqualTo(missing.getBody());
        }

        @Test
        void a_malformed_order_id_is_404() {
            assertThat(call(get("alice", "../../etc")).getStatusCode()).isEqualTo(404);
        }
    }

    @Test
    void a_method_the_route_does_not_take_is_405_with_allow() {
        APIGatewayProxyResponseEvent response = call(ApiEvents.event(
                "DELETE", "/orders/{orderId}", "/orders/x", Map.of("orderId", "x"), "alice", Map.of(), null));
        assertThat(response.getStatusCode()).isEqualTo(405);
        assertThat(response.getHeaders()).containsEntry("Allow", "GET");
    }
}
