package dev.orders.local.metrics.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a request's members whichever protocol brought them: JSON and CBOR carry numbers, booleans and
 * epoch-second timestamps; the query protocol carries every value as text (ISO 8601 timestamps).
 */
final class In {

    private In() {}

    static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    static String required(JsonNode node, String field, String path) {
        return text(node, field).filter(s -> !s.isEmpty()).orElseThrow(() -> CloudWatchError.missing(path));
    }

    static Optional<Integer> integer(JsonNode node, String field, String path) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (v.isIntegralNumber()) {
            return Optional.of(v.asInt());
        }
        try {
            return Optional.of(Integer.parseInt(v.asText().trim()));
        } catch (NumberFormatException bad) {
            throw CloudWatchError.invalidValue(
                    "The value " + v.asText() + " for parameter " + path + " is not an integer.");
        }
    }

    static Optional<Double> number(JsonNode node, String field, String path) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        double value;
        if (v.isNumber()) {
            value = v.asDouble();
        } else {
            try {
                value = Double.parseDouble(v.asText().trim());
            } catch (NumberFormatException bad) {
                throw CloudWatchError.invalidValue(
                        "The value " + v.asText() + " for parameter " + path + " is not a number.");
            }
        }
        if (!Double.isFinite(value)) {
            throw CloudWatchError.invalidValue("The value " + v.asText() + " for parameter " + path
                    + " is invalid: NaN and infinities are not supported.");
        }
        return Optional.of(value);
    }

    static Optional<Boolean> bool(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        return Optional.of(v.isBoolean() ? v.asBoolean() : Boolean.parseBoolean(v.asText()));
    }

    static Optional<Instant> time(JsonNode node, String field, String path) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (v.isNumber()) {
            return Optional.of(Instant.ofEpochMilli(Math.round(v.asDouble() * 1000)));
        }
        String text = v.asText().trim();
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException notIso) {
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeParseException notInstant) {
                try {
                    return Optional.of(Instant.ofEpochMilli(Math.round(Double.parseDouble(text) * 1000)));
                } catch (NumberFormatException notEpoch) {
                    throw CloudWatchError.invalidValue(
                            "The value " + text + " for parameter " + path + " is not a valid timestamp.");
                }
            }
        }
    }

    static List<JsonNode> list(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        List<JsonNode> items = new ArrayList<>();
        if (v != null && v.isArray()) {
            v.forEach(items::add);
        } else if (v != null && !v.isNull()) {
            throw CloudWatchError.invalidValue("The parameter " + field + " must be a list.");
        }
        return items;
    }

    static List<String> strings(JsonNode node, String field) {
        return list(node, field).stream().map(JsonNode::asText).toList();
    }
}
