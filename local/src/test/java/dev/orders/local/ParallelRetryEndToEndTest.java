package dev.orders.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's reproduction over HTTP: thirty clients send one request at once (one Idempotency-Key, one body that
 * names its own orderId). Every round: one 202, the rest 200 with the same order, never 409. The committed run is
 * short; {@code -Dorders.race.rounds=1000} runs it as long as the issue asks, by hand.
 */
class ParallelRetryEndToEndTest {

    private static final int CLIENTS = 30;

    @TempDir
    Path data;

    @Test
    void thirty_parallel_retries_with_their_own_order_id_get_one_order_and_never_409() throws Exception {
        // The API's throttle (burst 50, 100/s) would answer some of 30 x rounds requests 429: lift it for this test.
        String unthrottled = SamTemplate.bundledText()
                .replaceAll("ThrottlingBurstLimit: \\d+", "ThrottlingBurstLimit: 100000")
                .replaceAll("ThrottlingRateLimit: \\d+", "ThrottlingRateLimit: 100000");
        int rounds = Integer.getInteger("orders.race.rounds", 20);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try (LocalPlatform platform = LocalPlatform.open(data, Faults.none(), SamTemplate.parse(unthrottled))
                .start(0)) {
            Http http = new Http(platform.url());
            String token = LocalPlatform.issuer(data).token("alice", Duration.ofMinutes(30));
            for (int round = 0; round < rounds; round++) {
                String orderId = "race-order-" + round;
                String body = "{\"orderId\":\"" + orderId + "\"," + Http.ORDER.substring(1);
                String key = "race-key-" + round;
                List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    calls.add(() -> http.placeOrder(token, key, body));
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<HttpResponse<String>> answer : clients.invokeAll(calls)) {
                    HttpResponse<String> response = answer.get();
                    statuses.add(response.statusCode());
                    JsonNode json = Json.internal().readTree(response.body());
                    assertThat(json.path("orderId").asText())
                            .as("round %d: %s", round, response.body())
                            .isEqualTo(orderId);
                }
                assertThat(statuses).as("round %d of %d", round + 1, rounds).containsOnly(200, 202);
                assertThat(statuses)
                        .as("round %d", round + 1)
                        .filteredOn(s -> s == 202)
                        .hasSize(1);
            }
            assertThat(platform.store().orderCount()).isEqualTo(rounds);
        } finally {
            clients.shutdownNow();
        }
    }
}
