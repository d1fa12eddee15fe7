package dev.orders.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.store.Faults;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing acknowledged is lost, and no event is lost or doubled, when the runtime dies. */
class CrashRecoveryTest {

    @TempDir
    Path data;

    @Test
    void a_crash_between_the_write_and_the_publish_still_delivers_the_event_exactly_once() throws Exception {
        String token = LocalPlatform.issuer(data).token("alice", Duration.ofMinutes(10));
        try (ChildRuntime child = ChildRuntime.start(data, Faults.CRASH_AFTER_COMMIT + "=OrderAccepted")) {
            Http http = new Http(child.url());
            assertThatThrownBy(() -> http.placeOrder(token, "crash-1", Http.ORDER))
                    .isInstanceOf(UncheckedIOException.class);
            assertThat(child.awaitExit()).isEqualTo(137);
        }
        try (LocalPlatform restarted = LocalPlatform.open(data, Faults.none()).start(0)) {
            Http http = new Http(restarted.url());
            JsonNode accepted = Json.internal()
                    .readTree(http.get("/_local/events?detail-type=OrderAccepted", null)
                            .body());
            assertThat(accepted).hasSize(1);
            String orderId = accepted.get(0).get("detail").get("orderId").asText();

            HttpResponse<String> retried = http.placeOrder(token, "crash-1", Http.ORDER);
            assertThat(retried.statusCode()).isEqualTo(200);
            assertThat(Json.internal().readTree(retried.body()).get("orderId").asText())
                    .isEqualTo(orderId);
            assertThat(http.get("/orders/" + orderId, token).statusCode()).isEqualTo(200);
            assertThat(Json.internal()
                            .readTree(http.get("/_local/events?detail-type=OrderAccepted", null)
                                    .body()))
                    .hasSize(1);
        }
    }

    @Test
    void every_acknowledged_order_survives_kill_9_with_one_event_each() throws Exception {
        String token = LocalPlatform.issuer(data).token("alice", Duration.ofMinutes(10));
        List<String> acknowledged = new ArrayList<>();
        try (ChildRuntime child = ChildRuntime.start(data)) {
            Http http = new Http(child.url());
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> placed = http.placeOrder(token, "kill-" + i, Http.ORDER);
                assertThat(placed.statusCode()).isEqualTo(202);
                acknowledged.add(
                        Json.internal().readTree(placed.body()).get("orderId").asText());
            }
            child.kill9();
        }
        try (LocalPlatform restarted = LocalPlatform.open(data, Faults.none()).start(0)) {
            Http http = new Http(restarted.url());
            for (String orderId : acknowledged) {
                assertThat(http.get("/orders/" + orderId, token).statusCode()).isEqualTo(200);
            }
            JsonNode events = Json.internal()
                    .readTree(http.get("/_local/events?detail-type=OrderAccepted", null)
                            .body());
            Set<String> eventOrders = new HashSet<>();
            events.forEach(e -> eventOrders.add(e.get("detail").get("orderId").asText()));
            assertThat(events).hasSize(acknowledged.size());
            assertThat(eventOrders).containsExactlyInAnyOrderElementsOf(acknowledged);
        }
    }
}
