package dev.orders.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that break their own requests, against {@code ./orders up} in a child JVM whose whole output is read:
 * each mistake is counted and costs one log line at most, never a stack trace, and the platform stays healthy.
 */
class ClientMistakesTest {

    @TempDir
    Path data;

    @Test
    void two_hundred_requests_that_hang_up_mid_body_leave_one_line_each_no_stack_trace_and_a_healthy_platform()
            throws Exception {
        String token = LocalPlatform.issuer(data).token("alice", Duration.ofMinutes(10));
        try (ChildRuntime child = ChildRuntime.start(data)) {
            int before = child.output().size();
            List<String> targets = List.of("/orders", "/payments/callbacks/acmepay", "/", "/_local/health");
            for (int i = 0; i < 200; i++) {
                RawHttp.sendAndHangUp(
                        child.port(),
                        "POST " + targets.get(i % targets.size()) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                + "Authorization: Bearer " + token
                                + "\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"items\":[");
            }
            Http http = new Http(child.url());
            await("the gateway has counted every cut-short body")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> health(http)
                                    .at("/components/gateway/clientErrors/incompleteBodies")
                                    .asLong()
                            == 200);

            List<String> logged = child.output().subList(before, child.output().size());
            assertThat(logged).as("at most one line per broken request").hasSizeLessThanOrEqualTo(200);
            assertThat(logged).as("no stack trace").noneMatch(ClientMistakesTest::looksLikeAStackTrace);
            assertThat(logged).allMatch(line -> line.contains("client error INCOMPLETE_BODY"));

            assertThat(health(http).path("status").asText()).isEqualTo("UP");
            assertThat(http.placeOrder(token, "after-the-storm", Http.ORDER).statusCode())
                    .isEqualTo(202);
        }
    }

    @Test
    void a_malformed_chunk_size_is_400_and_head_is_answered_without_a_body_and_neither_logs_a_stack_trace()
            throws Exception {
        try (ChildRuntime child = ChildRuntime.start(data)) {
            int before = child.output().size();
            String chunked = RawHttp.exchange(
                    child.port(),
                    "POST /orders HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nZZZ\r\n{}\r\n0\r\n\r\n");
            assertThat(chunked).startsWith("HTTP/1.1 400").endsWith("{\"message\":\"Bad Request\"}");

            String head = RawHttp.exchange(
                    child.port(), "HEAD /orders/o-1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertThat(head).startsWith("HTTP/1.1 404").endsWith("\r\n\r\n");

            Http http = new Http(child.url());
            assertThat(health(http)
                            .at("/components/gateway/clientErrors/malformedBodies")
                            .asLong())
                    .isEqualTo(1);
            List<String> logged = child.output().subList(before, child.output().size());
            assertThat(logged).hasSize(1).noneMatch(ClientMistakesTest::looksLikeAStackTrace);
            assertThat(logged.getFirst()).contains("client error MALFORMED_BODY");
        }
    }

    private static JsonNode health(Http http) throws Exception {
        HttpResponse<String> response = http.get("/_local/health", null);
        return Json.internal().readTree(response.body());
    }

    /** A JSON log line carrying an exception, or a plain stack frame or "Exception in thread" on stderr. */
    private static boolean looksLikeAStackTrace(String line) {
        return line.contains("\"stack\"")
                || line.contains("\"error\":{")
                || line.stripLeading().startsWith("at ")
                || line.contains("Exception in")
                || line.contains("SEVERE")
                || line.contains("WARNING");
    }
}
