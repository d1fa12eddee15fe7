package dev.orders.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.shared.Json;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** A published version's configuration as it is kept (JSON, canonical: equal settings give equal text). */
final class VersionJson {

    private static final ObjectMapper MAPPER = Json.internal();

    private VersionJson() {}

    static String write(FunctionSettings s) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("logicalId", s.logicalId())
                .put("handler", s.handler())
                .put("runtime", s.runtime())
                .put("timeoutMillis", s.timeout().toMillis())
                .put("memoryMb", s.memoryMb())
                .put("snapStart", s.snapStart())
                .put("ephemeralStorageMb", s.ephemeralStorageMb())
                .put("fileSystems", s.fileSystems());
        s.reservedConcurrency().ifPresent(r -> json.put("reservedConcurrency", r));
        s.provisionedConcurrency().ifPresent(p -> json.put("provisionedConcurrency", p));
        json.set("environment", MAPPER.valueToTree(new java.util.TreeMap<>(s.environment())));
        json.set("eventInvokeConfig", MAPPER.valueToTree(s.eventInvokeConfig()));
        return json.toString();
    }

    static FunctionSettings read(String text) {
        try {
            JsonNode json = MAPPER.readTree(text);
            return new FunctionSettings(
                    json.get("logicalId").asText(),
                    json.get("handler").asText(),
                    Duration.ofMillis(json.get("timeoutMillis").asLong()),
                    json.get("memoryMb").asInt(),
                    Optional.ofNullable(json.get("reservedConcurrency")).map(JsonNode::asInt),
                    json.get("runtime").asText(),
                    MAPPER.convertValue(json.get("environment"), new TypeReference<Map<String, String>>() {}),
                    json.get("snapStart").asBoolean(),
                    json.get("ephemeralStorageMb").asInt(),
                    json.has("provisionedConcurrency")
                            ? OptionalInt.of(json.get("provisionedConcurrency").asInt())
                            : OptionalInt.empty(),
                    json.get("fileSystems").asBoolean(),
                    MAPPER.convertValue(json.get("eventInvokeConfig"), new TypeReference<Map<String, Object>>() {}));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a stored version's configuration is not JSON", e);
        }
    }

    /** The configuration a publish compares: reserved concurrency is the function's, not a version's (Lambda's rule). */
    static String comparable(FunctionSettings s) {
        return write(new FunctionSettings(
                s.logicalId(),
                s.handler(),
                s.timeout(),
                s.memoryMb(),
                Optional.empty(),
                s.runtime(),
                s.environment(),
                s.snapStart(),
                s.ephemeralStorageMb(),
                s.provisionedConcurrency(),
                s.fileSystems(),
                s.eventInvokeConfig()));
    }

    static String weights(Map<String, Double> weights) {
        return MAPPER.valueToTree(new java.util.TreeMap<>(weights)).toString();
    }

    static Map<String, Double> weights(String text) {
        try {
            return MAPPER.readValue(text, new TypeReference<Map<String, Double>>() {});
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
