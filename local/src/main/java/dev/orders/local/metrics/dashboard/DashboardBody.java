package dev.orders.local.metrics.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.metrics.Dimensions;
import dev.orders.local.metrics.MetricDataQueries;
import dev.orders.local.metrics.MetricId;
import dev.orders.local.metrics.Statistic;
import dev.orders.local.template.LocalNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The template's {@code AWS::CloudWatch::Dashboard} body, read as CloudWatch reads it ("Dashboard body structure
 * and syntax"): widgets with {@code type}, {@code x}, {@code y}, {@code width}, {@code height} on a 24-column
 * grid; a metric widget's {@code properties} hold {@code title}, {@code view}, {@code stat}, {@code period} and
 * {@code metrics}, each row {@code [Namespace, MetricName, DimName, DimValue, ..., {rendering options}]} with
 * {@code "."} repeating the row above, or {@code [{"expression": ..., "label": ..., "id": ...}]}.
 */
public final class DashboardBody {

    /** A metric widget's series as queries (ids {@code m0}, {@code m1}... unless the row names one). */
    public record Widget(
            String type,
            int x,
            int y,
            int width,
            int height,
            String title,
            String view,
            JsonNode properties,
            List<MetricDataQueries.Query> queries,
            List<String> colors,
            int periodSeconds) {}

    private DashboardBody() {}

    /** Every dashboard of the template, widgets in the body's order. */
    public static List<Widget> load(LocalNames names) {
        List<Widget> widgets = new ArrayList<>();
        names.template().resources().forEach((id, resource) -> {
            if ("AWS::CloudWatch::Dashboard".equals(resource.get("Type")) && names.exists(id)) {
                Object body = names.resolve(dev.orders.local.template.SamTemplate.mapOf(resource.get("Properties"))
                        .get("DashboardBody"));
                widgets.addAll(parse(String.valueOf(body)));
            }
        });
        return widgets;
    }

    public static List<Widget> parse(String body) {
        JsonNode root;
        try {
            root = Json.internal().readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException invalid) {
            throw new IllegalArgumentException("the DashboardBody is not JSON: " + invalid.getOriginalMessage());
        }
        List<Widget> widgets = new ArrayList<>();
        int autoY = 0;
        for (JsonNode w : root.path("widgets")) {
            String type = w.path("type").asText("metric");
            JsonNode p = w.path("properties");
            int width = w.path("width").asInt(6);
            int height = w.path("height").asInt(6);
            int y = w.has("y") ? w.get("y").asInt() : autoY;
            autoY = Math.max(autoY, y + height);
            String stat = p.path("stat").asText("Average");
            int period = p.path("period").asInt(300);
            List<MetricDataQueries.Query> queries = new ArrayList<>();
            List<String> colors = new ArrayList<>();
            if (type.equals("metric")) {
                List<String> previous = List.of();
                int i = 0;
                for (JsonNode row : p.path("metrics")) {
                    ObjectNode options = Json.internal().createObjectNode();
                    List<String> parts = new ArrayList<>();
                    for (JsonNode item : row) {
                        if (item.isObject()) {
                            options = (ObjectNode) item;
                        } else {
                            parts.add(item.asText());
                        }
                    }
                    String id = options.path("id").asText("m" + i);
                    Optional<String> label = options.has("label")
                            ? Optional.of(options.get("label").asText())
                            : Optional.empty();
                    boolean visible = options.path("visible").asBoolean(true);
                    colors.add(options.path("color").asText(null));
                    if (options.has("expression")) {
                        queries.add(new MetricDataQueries.Query(
                                id,
                                Optional.empty(),
                                Optional.of(options.get("expression").asText()),
                                label,
                                visible,
                                Optional.of(options.path("period").asInt(period))));
                    } else {
                        for (int k = 0; k < parts.size(); k++) {
                            if (parts.get(k).equals(".") && k < previous.size()) {
                                parts.set(k, previous.get(k));
                            }
                        }
                        previous = List.copyOf(parts);
                        if (parts.size() < 2 || parts.size() % 2 != 0) {
                            throw new IllegalArgumentException(
                                    "widget '" + p.path("title").asText() + "': a metric row is [Namespace, "
                                            + "MetricName, DimensionName, DimensionValue, ...]");
                        }
                        List<String> dimensions = parts.subList(2, parts.size());
                        MetricId metric = new MetricId(
                                parts.get(0), parts.get(1), Dimensions.of(dimensions.toArray(String[]::new)));
                        queries.add(new MetricDataQueries.Query(
                                id,
                                Optional.of(new MetricDataQueries.MetricStat(
                                        metric,
                                        options.path("period").asInt(period),
                                        Statistic.parse(options.path("stat").asText(stat)),
                                        Optional.empty())),
                                Optional.empty(),
                                label.or(() -> Optional.of(parts.get(1))),
                                visible,
                                Optional.empty()));
                    }
                    i++;
                }
            }
            widgets.add(new Widget(
                    type,
                    w.path("x").asInt(0),
                    y,
                    width,
                    height,
                    p.path("title").asText(""),
                    p.path("view").asText("timeSeries"),
                    p,
                    queries,
                    colors,
                    period));
        }
        return widgets;
    }
}
