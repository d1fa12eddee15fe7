package dev.orders.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.store.Faults;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** P5 through ./orders up's platform: the template's distribution (function, store, headers policy) in front of the API. */
class EdgeEndToEndTest {

    @TempDir
    static Path data;

    static LocalPlatform platform;
    static Http http;
    static String alice;

    @BeforeAll
    static void start() {
        platform = LocalPlatform.open(data, Faults.none());
        try {
            platform.start(0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        http = new Http(platform.url());
        alice = LocalPlatform.issuer(data).token("alice", Duration.ofMinutes(10));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void a_legacy_order_link_is_redirected_permanently() {
        HttpResponse<String> response = http.get("/order/ABC", null);

        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location")).contains("/orders/ABC");
    }

    @Test
    void an_upper_case_path_with_tracking_parameters_reaches_the_order() throws Exception {
        String order = """
                {"orderId":"Edge-Case-7","items":[{"sku":"SKU-1","quantity":1,"unitPrice":{"amount":"3.00","currency":"EUR"}}]}""";
        assertThat(http.placeOrder(alice, "edge-1", order).statusCode()).isEqualTo(202);

        HttpResponse<String> response = http.get("/ORDERS/Edge-Case-7?utm_source=newsletter&utm_campaign=x", alice);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Json.internal().readTree(response.body());
        assertThat(body.get("orderId").asText()).isEqualTo("Edge-Case-7");
    }

    @Test
    void every_answer_of_the_api_carries_the_security_headers_errors_included() {
        HttpResponse<String> unauthorized = http.get("/orders/anything", null);
        HttpResponse<String> notFound = http.get("/orders/Nobody-1", alice);

        for (HttpResponse<String> response : java.util.List.of(unauthorized, notFound)) {
            assertThat(response.statusCode()).isIn(401, 404);
            assertThat(response.headers().firstValue("Strict-Transport-Security"))
                    .isPresent();
            assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
        }
    }

    @Test
    void the_local_views_are_not_behind_the_distribution_and_report_it() throws Exception {
        HttpResponse<String> health = http.get("/_local/health", null);

        assertThat(health.headers().firstValue("X-Cache")).isEmpty();
        JsonNode edge =
                Json.internal().readTree(health.body()).get("components").get("edge");
        assertThat(edge.get("viewerRequestFunction").asText()).isEqualTo("EdgeViewerRequestFunction");
        assertThat(edge.get("keys").asInt()).isPositive();
    }
}
