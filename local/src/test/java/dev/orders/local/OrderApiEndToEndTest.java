package dev.orders.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.auth.LocalIssuer;
import dev.orders.local.store.Faults;
import dev.orders.local.template.SamTemplate;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** P1 over HTTP, through the local gateway, authorizer, function and store. */
class OrderApiEndToEndTest {

    @TempDir
    static Path data;

    static LocalPlatform platform;
    static Http http;
    static String alice;
    static String bob;

    @BeforeAll
    static void start() throws Exception {
        platform = LocalPlatform.open(data, Faults.none()).start(0);
        http = new Http(platform.url());
        alice = LocalPlatform.issuer(data).token("alice", Duration.ofMinutes(10));
        bob = LocalPlatform.issuer(data).token("bob", Duration.ofMinutes(10));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.internal().readTree(response.body());
    }

    static JsonNode events(String detailType) throws Exception {
        return json(http.get("/_local/events?detail-type=" + detailType, null));
    }

    static long acceptedEventsFor(String orderId) throws Exception {
        awaitOutboxDrained();
        long count = 0;
        for (JsonNode event : events("OrderAccepted")) {
            if (event.get("detail").get("orderId").asText().equals(orderId)) {
                count++;
            }
        }
        return count;
    }

    static void awaitOutboxDrained() {
        await("the outbox drains")
                .atMost(Duration.ofSeconds(10))
                .until(() -> json(http.get("/_local/health", null))
                                .at("/components/outbox/unpublished")
                                .asLong()
                        == 0);
    }

    @Test
    void an_accepted_order_is_202_then_readable_with_exactly_one_event() throws Exception {
        HttpResponse<String> placed = http.placeOrder(alice, "e2e-1", Http.ORDER);
        assertThat(placed.statusCode()).isEqualTo(202);
        String orderId = json(placed).get("orderId").asText();
        assertThat(placed.headers().firstValue("Location")).contains("/orders/" + orderId);

        HttpResponse<String> read = http.get("/orders/" + orderId, alice);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read).get("total").get("amount").asText()).isEqualTo("25.00");

        assertThat(acceptedEventsFor(orderId)).isEqualTo(1);
        JsonNode event = null;
        for (JsonNode e : events("OrderAccepted")) {
            if (e.get("detail").get("orderId").asText().equals(orderId)) {
                event = e;
            }
        }
        assertThat(event.get("source").asText()).isEqualTo("orders");
        assertThat(event.get("detail").get("customerId").asText()).isEqualTo("alice");
        assertThat(event.get("detail").get("causeId").asText()).isEqualTo("e2e-1");
    }

    @Test
    void a_replay_without_order_id_is_200_with_the_same_order_and_no_second_event() throws Exception {
        String first =
                json(http.placeOrder(alice, "e2e-2", Http.ORDER)).get("orderId").asText();
        HttpResponse<String> again = http.placeOrder(alice, "e2e-2", Http.ORDER);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("orderId").asText()).isEqualTo(first);
        assertThat(acceptedEventsFor(first)).isEqualTo(1);
    }

    @Test
    void conflicts_and_rejections_have_their_status_codes() throws Exception {
        String withId = "{\"orderId\":\"e2e-o-9\"," + Http.ORDER.substring(1);
        assertThat(http.placeOrder(alice, "e2e-3", withId).statusCode()).isEqualTo(202);
        assertThat(http.placeOrder(alice, "e2e-3", Http.ORDER).statusCode()).isEqualTo(422);
        assertThat(http.placeOrder(alice, "e2e-4", withId).statusCode()).isEqualTo(409);
        assertThat(http.placeOrder(alice, null, Http.ORDER).statusCode()).isEqualTo(400);
        HttpResponse<String> invalid = http.placeOrder(alice, "e2e-5", "{\"items\":[{\"sku\":\"\",\"quantity\":0}]}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(json(invalid).get("errors")).hasSize(3);
        assertThat(http.post("/orders", alice, "e2e-6", "text/plain", Http.ORDER)
                        .statusCode())
                .isEqualTo(415);
        assertThat(http.placeOrder(alice, "e2e-7", "{\"pad\":\"" + "x".repeat(70_000) + "\"}")
                        .statusCode())
                .isEqualTo(413);
        String forBob = "{\"customerId\":\"bob\"," + Http.ORDER.substring(1);
        assertThat(http.placeOrder(alice, "e2e-8", forBob).statusCode()).isEqualTo(403);
    }

    @Test
    void another_customers_order_is_404() throws Exception {
        String orderId =
                json(http.placeOrder(alice, "e2e-9", Http.ORDER)).get("orderId").asText();
        assertThat(http.get("/orders/" + orderId, bob).statusCode()).isEqualTo(404);
        assertThat(http.get("/orders/" + orderId, alice).statusCode()).isEqualTo(200);
    }

    @Test
    void the_gateway_refuses_missing_expired_and_foreign_tokens_with_401() throws Exception {
        assertThat(http.placeOrder(null, "e2e-10", Http.ORDER).statusCode()).isEqualTo(401);
        assertThat(http.placeOrder("not.a.jwt", "e2e-10", Http.ORDER).statusCode())
                .isEqualTo(401);
        String expired = LocalPlatform.issuer(data).token("alice", Duration.ofSeconds(-60));
        assertThat(http.placeOrder(expired, "e2e-10", Http.ORDER).statusCode()).isEqualTo(401);
        String foreign =
                LocalIssuer.open(data.resolve("elsewhere"), "orders-api").token("alice", Duration.ofMinutes(5));
        HttpResponse<String> refused = http.placeOrder(foreign, "e2e-10", Http.ORDER);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
        assertThat(http.get("/orders/anything", null).statusCode()).isEqualTo(401);
    }

    @Test
    void an_unknown_route_is_api_gateways_404() {
        HttpResponse<String> response = http.get("/nowhere", alice);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
    }

    @Test
    void many_simultaneous_requests_with_one_key_make_one_order_and_one_event() throws Exception {
        int clients = 24;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                calls.add(() -> http.placeOrder(alice, "e2e-race", Http.ORDER));
            }
            List<Integer> statuses = new ArrayList<>();
            List<String> orderIds = new ArrayList<>();
            for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
                statuses.add(f.get().statusCode());
                orderIds.add(json(f.get()).get("orderId").asText());
            }
            assertThat(statuses).containsOnly(200, 202);
            assertThat(statuses).filteredOn(s -> s == 202).hasSize(1);
            assertThat(orderIds).containsOnly(orderIds.getFirst());
            assertThat(acceptedEventsFor(orderIds.getFirst())).isEqualTo(1);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void health_reports_every_component() throws Exception {
        JsonNode health = json(http.get("/_local/health", null));
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("components").fieldNames()).toIterable().contains("store", "outbox", "bus", "gateway");
    }

    @Test
    void the_api_throttles_with_429_and_retry_after_before_the_function(@TempDir Path other) throws Exception {
        String strict = SamTemplate.bundledText()
                .replaceAll("ThrottlingBurstLimit: \\d+", "ThrottlingBurstLimit: 2")
                .replaceAll("ThrottlingRateLimit: \\d+", "ThrottlingRateLimit: 0.001");
        try (LocalPlatform throttled = LocalPlatform.open(other, Faults.none(), SamTemplate.parse(strict))
                .start(0)) {
            Http client = new Http(throttled.url());
            String token = LocalPlatform.issuer(other).token("alice", Duration.ofMinutes(5));
            assertThat(client.placeOrder(token, "t-1", Http.ORDER).statusCode()).isEqualTo(202);
            assertThat(client.placeOrder(token, "t-2", Http.ORDER).statusCode()).isEqualTo(202);
            HttpResponse<String> third = client.placeOrder(token, "t-3", Http.ORDER);
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.headers().firstValue("Retry-After")).isPresent();
            assertThat(throttled.store().orderCount()).isEqualTo(2);
        }
    }
}
