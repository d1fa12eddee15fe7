package dev.orders.local.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.LocalPlatform;
import dev.orders.local.bus.BusEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;

/** Looks at a running platform from outside, as a user would: HTTP, and waiting for a condition with a deadline. */
final class PlatformProbe {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PlatformProbe() {}

    static JsonNode get(String url) throws Exception {
        HttpResponse<String> response =
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return Json.internal().readTree(response.body());
    }

    static HttpResponse<String> kinesis(String baseUrl, String operation, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/"))
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .header("X-Amz-Target", "Kinesis_20131202." + operation)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The detail-types the bus archived for one order, oldest first. */
    static List<String> archived(LocalPlatform platform, String orderId) {
        return platform.bus().archive(Optional.empty()).stream()
                .filter(e -> e.detail().path("orderId").asText().equals(orderId))
                .map(BusEvent::detailType)
                .toList();
    }

    /** Waits until the condition holds; fails after the deadline. A liveness bound, not a timing assertion. */
    static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(30)).until(condition::getAsBoolean);
    }
}
