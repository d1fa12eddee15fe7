package dev.orders.local.metrics.emf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orders.local.metrics.Dimensions;
import dev.orders.local.metrics.MetricId;
import dev.orders.local.metrics.Unit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads CloudWatch Embedded Metric Format documents as CloudWatch Logs does ("Specification: Embedded metric
 * format"): the root is a JSON object (Lambda's own prefix before it is allowed); {@code _aws} holds a
 * {@code Timestamp} (milliseconds) and {@code CloudWatchMetrics}, an array of directives, each with a
 * {@code Namespace}, {@code Dimensions} (an array of dimension sets, each an array of up to 30 keys naming
 * root members with string values) and up to 100 {@code Metrics} ({@code Name} naming a root member holding
 * a number or up to 100 numbers, optional {@code Unit} and {@code StorageResolution} 1 or 60). Every
 * dimension set makes its own metric. A document that breaks a rule is refused whole.
 */
public final class EmfParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Datum(MetricId metric, List<Double> values, Unit unit, int storageResolution, Instant timestamp) {}

    public sealed interface Result {
        /** A log line that is not an EMF document at all (no {@code _aws} member): an ordinary log line. */
        record NotEmf() implements Result {}

        /** EMFParsingErrors: the line claims {@code _aws} but is not a JSON object. */
        record Unparseable(String reason) implements Result {}

        /** EMFValidationErrors: a JSON document that breaks the specification. */
        record Invalid(String reason) implements Result {}

        record Metrics(List<Datum> data) implements Result {}
    }

    private static final Result NOT_EMF = new Result.NotEmf();

    private EmfParser() {}

    public static Result parse(String line) {
        if (line == null || !line.contains("\"_aws\"")) {
            return NOT_EMF;
        }
        int start = line.indexOf('{');
        JsonNode root;
        try {
            root = JSON.readTree(line.substring(start));
        } catch (JsonProcessingException e) {
            return new Result.Unparseable("not a JSON object: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return new Result.Unparseable("the document is not a JSON object");
        }
        if (!root.has("_aws")) {
            return NOT_EMF;
        }
        try {
            return new Result.Metrics(metrics(root));
        } catch (IllegalArgumentException invalid) {
            return new Result.Invalid(invalid.getMessage());
        }
    }

    private static List<Datum> metrics(JsonNode root) {
        JsonNode aws = root.get("_aws");
        require(aws.isObject(), "_aws must be an object");
        JsonNode timestamp = aws.get("Timestamp");
        require(timestamp != null && timestamp.isIntegralNumber(), "_aws.Timestamp must be an integer of milliseconds");
        JsonNode directives = aws.get("CloudWatchMetrics");
        require(directives != null && directives.isArray(), "_aws.CloudWatchMetrics must be an array");
        Instant at = Instant.ofEpochMilli(timestamp.asLong());
        List<Datum> data = new ArrayList<>();
        for (JsonNode directive : directives) {
            require(directive.isObject(), "a MetricDirective must be an object");
            JsonNode namespace = directive.get("Namespace");
            require(
                    namespace != null
                            && namespace.isTextual()
                            && !namespace.asText().isEmpty()
                            && namespace.asText().length() <= 255,
                    "Namespace must be a string of 1 to 255 characters");
            require(!namespace.asText().startsWith("AWS/"), "Namespace " + namespace.asText() + " is reserved for AWS");
            JsonNode dimensionSets = directive.get("Dimensions");
            require(
                    dimensionSets != null && dimensionSets.isArray() && !dimensionSets.isEmpty(),
                    "Dimensions must be an array of dimension sets");
            List<Dimensions> sets = new ArrayList<>();
            for (JsonNode set : dimensionSets) {
                require(set.isArray() && set.size() <= 30, "a DimensionSet is an array of at most 30 dimension keys");
                Map<String, String> dimensions = new LinkedHashMap<>();
                for (JsonNode key : set) {
                    require(
                            key.isTextual()
                                    && !key.asText().isEmpty()
                                    && key.asText().length() <= 250,
                            "a dimension key is a string of 1 to 250 characters");
                    JsonNode target = root.get(key.asText());
                    require(
                            target != null && target.isTextual(),
                            "the dimension " + key.asText() + " has no string member on the root");
                    require(
                            !target.asText().isEmpty() && target.asText().length() <= 1024,
                            "the value of dimension " + key.asText() + " has 1 to 1024 characters");
                    dimensions.put(key.asText(), target.asText());
                }
                sets.add(Dimensions.of(dimensions));
            }
            JsonNode definitions = directive.get("Metrics");
            require(
                    definitions != null && definitions.isArray() && definitions.size() <= 100,
                    "Metrics must be an array of at most 100 MetricDefinitions");
            for (JsonNode definition : definitions) {
                require(definition.isObject(), "a MetricDefinition must be an object");
                JsonNode name = definition.get("Name");
                require(
                        name != null
                                && name.isTextual()
                                && !name.asText().isEmpty()
                                && name.asText().length() <= 255,
                        "a MetricDefinition's Name is a string of 1 to 255 characters");
                Unit unit = Unit.NONE;
                JsonNode unitNode = definition.get("Unit");
                if (unitNode != null && !unitNode.isNull()) {
                    unit = Unit.parse(unitNode.asText())
                            .orElseThrow(() -> new IllegalArgumentException("Unit " + unitNode.asText() + " of "
                                    + name.asText() + " is not a CloudWatch unit"));
                }
                int resolution = 60;
                JsonNode resolutionNode = definition.get("StorageResolution");
                if (resolutionNode != null && !resolutionNode.isNull()) {
                    require(
                            resolutionNode.isIntegralNumber()
                                    && (resolutionNode.asInt() == 1 || resolutionNode.asInt() == 60),
                            "StorageResolution of " + name.asText() + " must be 1 or 60");
                    resolution = resolutionNode.asInt();
                }
                List<Double> values = values(root.get(name.asText()), name.asText());
                for (Dimensions dimensions : sets) {
                    data.add(new Datum(
                            new MetricId(namespace.asText(), name.asText(), dimensions), values, unit, resolution, at));
                }
            }
        }
        return data;
    }

    private static List<Double> values(JsonNode target, String name) {
        require(target != null, "the metric " + name + " has no member on the root");
        List<Double> values = new ArrayList<>();
        if (target.isNumber()) {
            values.add(target.asDouble());
        } else {
            require(
                    target.isArray() && target.size() <= 100,
                    "the metric " + name + " must be a number or an array of at most 100 numbers");
            for (JsonNode v : target) {
                require(v.isNumber(), "the metric " + name + " must be a number or an array of at most 100 numbers");
                values.add(v.asDouble());
            }
        }
        for (double v : values) {
            require(Double.isFinite(v), "the metric " + name + " has a value that is not a finite number");
        }
        return values;
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new IllegalArgumentException(reason);
        }
    }
}
