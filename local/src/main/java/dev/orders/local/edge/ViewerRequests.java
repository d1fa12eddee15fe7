package dev.orders.local.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.orders.functions.shared.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CloudFront's viewer-request event built from a viewer's HTTP request, and the function's answer applied back
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-event-structure.html): header
 * names in lower case, cookies apart from headers, query string parameters by name with their values as the
 * viewer encoded them, repeated names, headers and cookies in {@code multiValue}.
 */
final class ViewerRequests {

    /** The answer to a viewer request: go on with this request, or send this response. */
    sealed interface Outcome {
        record Forward(URI uri, Headers headers) implements Outcome {}

        record Respond(int status, Headers headers, byte[] body) implements Outcome {}
    }

    /** The function returned something CloudFront would not accept (CloudFront answers 502). */
    static final class InvalidOutput extends Exception {
        InvalidOutput(String message) {
            super(message);
        }
    }

    private ViewerRequests() {}

    static ObjectNode event(HttpExchange exchange, String distributionId, String requestId) {
        ObjectNode event = Json.internal().createObjectNode();
        event.put("version", "1.0");
        String host = exchange.getRequestHeaders().getFirst("Host");
        event.putObject("context")
                .put("distributionDomainName", host == null ? "localhost" : host.replaceFirst(":\\d+$", ""))
                .put("distributionId", distributionId)
                .put("eventType", "viewer-request")
                .put("requestId", requestId);
        event.putObject("viewer")
                .put("ip", exchange.getRemoteAddress().getAddress().getHostAddress());
        ObjectNode request = event.putObject("request");
        request.put("method", exchange.getRequestMethod());
        request.put("uri", exchange.getRequestURI().getRawPath());
        ObjectNode querystring = request.putObject("querystring");
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (!pair.isEmpty()) {
                    int equals = pair.indexOf('=');
                    field(
                            querystring,
                            equals < 0 ? pair : pair.substring(0, equals),
                            equals < 0 ? "" : pair.substring(equals + 1));
                }
            }
        }
        ObjectNode headers = request.putObject("headers");
        ObjectNode cookies = request.putObject("cookies");
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            for (String value : values) {
                if (lower.equals("cookie")) {
                    for (String cookie : value.split(";")) {
                        String trimmed = cookie.trim();
                        int equals = trimmed.indexOf('=');
                        if (!trimmed.isEmpty()) {
                            field(
                                    cookies,
                                    equals < 0 ? trimmed : trimmed.substring(0, equals),
                                    equals < 0 ? "" : trimmed.substring(equals + 1));
                        }
                    }
                } else {
                    field(headers, lower, value);
                }
            }
        });
        return event;
    }

    /** A field in CloudFront's shape: {@code {value}}, and {@code multiValue} with every value once a name repeats. */
    private static void field(ObjectNode parent, String name, String value) {
        JsonNode existing = parent.get(name);
        if (existing == null) {
            parent.putObject(name).put("value", value);
            return;
        }
        ObjectNode field = (ObjectNode) existing;
        if (!field.has("multiValue")) {
            field.putArray("multiValue")
                    .addObject()
                    .put("value", field.get("value").asText());
        }
        field.withArray("multiValue").addObject().put("value", value);
    }

    /** What the gateway does with the function's return value. */
    static Outcome apply(JsonNode output) throws InvalidOutput {
        if (output == null || !output.isObject()) {
            throw new InvalidOutput(
                    "the function returned " + (output == null || output.isNull() ? "nothing" : output.getNodeType())
                            + ", not a request or a response object");
        }
        if (output.has("statusCode")) {
            return response(output);
        }
        return request(output);
    }

    private static Outcome.Respond response(JsonNode output) throws InvalidOutput {
        JsonNode status = output.get("statusCode");
        if (!status.canConvertToInt() || !status.isIntegralNumber() || status.asInt() < 100 || status.asInt() > 599) {
            throw new InvalidOutput("statusCode must be an integer HTTP status, not " + status);
        }
        Headers headers = new Headers();
        fields(output.path("headers"), "headers", (name, value) -> headers.add(name, value));
        fields(output.path("cookies"), "cookies", (name, value) -> {});
        cookieAttributes(output.path("cookies"), headers);
        return new Outcome.Respond(status.asInt(), headers, body(output.get("body")));
    }

    private static Outcome.Forward request(JsonNode output) throws InvalidOutput {
        JsonNode uri = output.get("uri");
        if (uri == null || !uri.isTextual() || !uri.asText().startsWith("/")) {
            throw new InvalidOutput("request.uri must be a string starting with /, not " + uri);
        }
        String query = query(output.get("querystring"));
        Headers headers = new Headers();
        fields(output.path("headers"), "headers", (name, value) -> headers.add(name, value));
        List<String> cookies = new ArrayList<>();
        fields(output.path("cookies"), "cookies", (name, value) -> cookies.add(name + "=" + value));
        if (!cookies.isEmpty()) {
            headers.set("Cookie", String.join("; ", cookies));
        }
        try {
            return new Outcome.Forward(new URI(uri.asText() + (query.isEmpty() ? "" : "?" + query)), headers);
        } catch (java.net.URISyntaxException invalid) {
            throw new InvalidOutput("the request's uri and querystring do not make a URI: " + invalid.getMessage());
        }
    }

    /** The query string: runtime 2.0 functions may set it as a string or keep the object form. */
    private static String query(JsonNode querystring) throws InvalidOutput {
        if (querystring == null || querystring.isNull()) {
            return "";
        }
        if (querystring.isTextual()) {
            String text = querystring.asText();
            return text.startsWith("?") ? text.substring(1) : text;
        }
        List<String> pairs = new ArrayList<>();
        fields(querystring, "querystring", (name, value) -> pairs.add(value.isEmpty() ? name : name + "=" + value));
        return String.join("&", pairs);
    }

    private interface FieldSink {
        void accept(String name, String value);
    }

    /** Every value of a headers, cookies or querystring object: {@code multiValue} when it is there, else {@code value}. */
    private static void fields(JsonNode parent, String what, FieldSink sink) throws InvalidOutput {
        if (parent.isMissingNode() || parent.isNull()) {
            return;
        }
        if (!parent.isObject()) {
            throw new InvalidOutput(what + " must be an object");
        }
        Iterator<Map.Entry<String, JsonNode>> entries = parent.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            JsonNode field = entry.getValue();
            if (field.has("multiValue") && field.get("multiValue").isArray()) {
                for (JsonNode item : field.get("multiValue")) {
                    sink.accept(entry.getKey(), text(item.get("value"), what, entry.getKey()));
                }
            } else {
                sink.accept(entry.getKey(), text(field.get("value"), what, entry.getKey()));
            }
        }
    }

    private static String text(JsonNode value, String what, String name) throws InvalidOutput {
        if (value == null || !value.isValueNode() || value.isNull()) {
            throw new InvalidOutput(what + "." + name + " needs a value");
        }
        String text = value.asText();
        if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            throw new InvalidOutput(what + "." + name + " contains a line break");
        }
        return text;
    }

    /** Set-Cookie attributes ({@code Path=/; Secure}) ride along with the cookie they belong to. */
    private static void cookieAttributes(JsonNode cookies, Headers headers) {
        if (!cookies.isObject()) {
            return;
        }
        List<String> withAttributes = new ArrayList<>();
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        cookies.fields().forEachRemaining(e -> byName.put(e.getKey(), e.getValue()));
        byName.forEach((name, field) -> {
            List<JsonNode> items = new ArrayList<>();
            if (field.has("multiValue")) {
                field.get("multiValue").forEach(items::add);
            } else {
                items.add(field);
            }
            for (JsonNode item : items) {
                String attributes = item.path("attributes").asText("");
                withAttributes.add(
                        name + "=" + item.path("value").asText() + (attributes.isEmpty() ? "" : "; " + attributes));
            }
        });
        if (!withAttributes.isEmpty()) {
            headers.put("Set-Cookie", withAttributes);
        }
    }

    private static byte[] body(JsonNode body) throws InvalidOutput {
        if (body == null || body.isNull()) {
            return new byte[0];
        }
        if (body.isTextual()) {
            return body.asText().getBytes(StandardCharsets.UTF_8);
        }
        String data = body.path("data").asText("");
        return switch (body.path("encoding").asText("text")) {
            case "text" -> data.getBytes(StandardCharsets.UTF_8);
            case "base64" -> {
                try {
                    yield Base64.getDecoder().decode(data);
                } catch (IllegalArgumentException notBase64) {
                    throw new InvalidOutput("body.data is not valid base64");
                }
            }
            default -> throw new InvalidOutput("body.encoding must be text or base64");
        };
    }
}
