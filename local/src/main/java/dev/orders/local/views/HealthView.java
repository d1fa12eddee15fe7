package dev.orders.local.views;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.shared.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /_local/health}: {@code {"status": "UP", "components": {NAME: {"status": "UP", …}}}}, each
 * component's details read when asked (a record whose fields follow its status; null leaves the component out).
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
            Object value = details.get();
            if (value != null) { // a component the platform does not have (e.g. no distribution in the template)
                all.putObject(name).put("status", "UP").setAll((ObjectNode)
                        Json.internal().valueToTree(value));
            }
        });
        return Answer.ok(health);
    }
}
