package dev.orders.bridge.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.shared.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The JSON both ends of every port write and read: one object per request and per response. */
final class Wire {

    private Wire() {}

    static ObjectNode object() {
        return Json.internal().createObjectNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return Json.internal().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(byte[] bytes) {
        try {
            return Json.internal().readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("a port message is not JSON", e);
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static IllegalArgumentException unknown(String port, String operation) {
        return new IllegalArgumentException(port + " has no operation " + operation);
    }
}
