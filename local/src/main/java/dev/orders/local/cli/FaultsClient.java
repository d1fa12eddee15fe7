package dev.orders.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The {@code fault} commands' one client of {@code /_local/faults}: a status and the JSON answer. */
final class FaultsClient {

    record Answer(int status, JsonNode body) {
        String message() {
            return body.path("message").asText(body.toString());
        }
    }

    private final String base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    FaultsClient(String base) {
        this.base = base;
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Answer post(String path, JsonNode body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)));
    }

    Answer delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    private URI uri(String path) {
        return URI.create(base + "/_local/faults" + path);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = Json.internal().readTree(response.body());
            } catch (IOException notJson) {
                throw new Main.CommandFailure(base + " did not answer as the platform does (" + response.statusCode()
                        + "): is it ./orders up?");
            }
            return new Answer(response.statusCode(), body);
        } catch (ConnectException refused) {
            throw new Main.CommandFailure("cannot reach the platform at " + base + " (is ./orders up running?)");
        } catch (IOException failed) {
            throw new Main.CommandFailure("cannot reach the platform at " + base + ": " + failed.getMessage());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new Main.CommandFailure("interrupted");
        }
    }
}
