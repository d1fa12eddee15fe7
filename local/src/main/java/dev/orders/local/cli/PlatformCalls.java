package dev.orders.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls to the running platform's {@code /_local/} endpoints: a JSON answer and its status, or a clear failure. */
final class PlatformCalls {

    record Answer(int status, JsonNode body) {
        String message() {
            return body.path("message").asText("status " + status);
        }
    }

    private final String base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    PlatformCalls(String base) {
        this.base = base;
    }

    Answer get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build());
    }

    Answer post(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    Answer post(String pathAndQuery, JsonNode json) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.toString(), java.nio.charset.StandardCharsets.UTF_8))
                .build());
    }

    Answer delete(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .DELETE()
                .build());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = response.body().length == 0
                    ? Json.internal().createObjectNode()
                    : Json.internal().readTree(response.body());
            return new Answer(response.statusCode(), body);
        } catch (ConnectException down) {
            throw new Main.CommandFailure(
                    "cannot reach the platform at " + base + ": is ./orders up running? (" + down + ")");
        } catch (IOException unreadable) {
            throw new Main.CommandFailure(
                    "the platform at " + base + " did not answer properly: " + unreadable.getMessage());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new Main.CommandFailure("interrupted");
        }
    }
}
