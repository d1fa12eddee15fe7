package dev.orders.local.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.orders.functions.shared.Json;
import java.util.ArrayList;
import java.util.List;

/** The canonical text of a dimension set, as stored: {@code [["Name","Value"],...]} sorted by name. */
final class DimensionsJson {

    private DimensionsJson() {}

    static String write(Dimensions dimensions) {
        ArrayNode array = Json.internal().createArrayNode();
        dimensions.list().forEach(d -> array.addArray().add(d.name()).add(d.value()));
        return array.toString();
    }

    static Dimensions read(String json) {
        try {
            List<Dimensions.Dimension> list = new ArrayList<>();
            for (JsonNode pair : Json.internal().readTree(json)) {
                list.add(new Dimensions.Dimension(
                        pair.get(0).asText(), pair.get(1).asText()));
            }
            return new Dimensions(list);
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("stored dimensions are not JSON", corrupt);
        }
    }
}
