package dev.orders.local.edge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.template.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The fixtures of edge/test/fixtures, the same files node --test runs, and the function and table they run against. */
record EdgeFixtures(
        String name, String description, JsonNode event, JsonNode expected, List<String> expectedLogs, JsonNode store) {

    static Path edge() {
        return Repository.root().resolve("edge");
    }

    static List<EdgeFixtures> all() {
        try (Stream<Path> files = Files.list(edge().resolve("test/fixtures"))) {
            return files.filter(f -> f.toString().endsWith(".json"))
                    .sorted()
                    .map(EdgeFixtures::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EdgeFixtures named(String name) {
        return all().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    private static EdgeFixtures read(Path file) {
        JsonNode node = json(text(file));
        List<String> logs = Json.internal()
                .convertValue(
                        node.get("expectedLogs"),
                        Json.internal().getTypeFactory().constructCollectionType(List.class, String.class));
        return new EdgeFixtures(
                file.getFileName().toString().replace(".json", ""),
                node.get("description").asText(),
                node.get("event"),
                node.get("expected"),
                logs,
                node.get("store"));
    }

    /** The fixture's own table, else the bundled default (edge/redirects.json). */
    KeyValueStoreFile.Snapshot snapshot() {
        return KeyValueStoreFile.parse(
                "EdgeRedirects", store != null ? store.toString() : text(edge().resolve("redirects.json")), 1);
    }

    static String functionCode() {
        return text(edge().resolve("viewer-request.js"));
    }

    static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return Json.internal().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
