package dev.orders.local.views;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.shared.Json;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /_local/health}: {@code {"status": "UP", "components": {NAME: {"status": "UP", …}}}}, each
 * component's details read when asked (a record whose fields follow its status).
 */
public final class HealthView implements View {

    private final Map<String, Supplier<Object>> components = new LinkedHashMap<>();

    public HealthView component(String name, Supplier<Object> details) {
        components.put(name, details);
        return this;
    }

    @Override
    public Answer render(Map<String, String> query) {
        ObjectNode health = Json.internal().createObjectNode().put("status", "UP");
        ObjectNode all = health.putObject("components");
        components.forEach((name, details) -> {
            ObjectNode component = all.putObject(name).put("status", "UP");
            component.setAll((ObjectNode) Json.internal().valueToTree(details.get()));
        });
        return Answer.ok(health);
    }
}
