package dev.orders.local.metrics.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The three wire protocols CloudWatch speaks today ({@code protocols: [smithy-rpc-v2-cbor, json, query]} in its
 * service model): Smithy RPC v2 CBOR ({@code POST /service/GraniteServiceVersion20100801/operation/Op}, what SDK
 * v2 sends), AWS JSON 1.0 ({@code X-Amz-Target: GraniteServiceVersion20100801.Op}, what the AWS CLI v1 with a
 * current botocore sends) and the query protocol with XML answers ({@code Action=Op&Version=2010-08-01}, older
 * clients and the AWS CLI v2 of Debian 12). Requests become one JSON tree; responses are written from {@link Out}.
 */
enum WireProtocol {
    CBOR("application/cbor"),
    JSON("application/x-amz-json-1.0"),
    QUERY("text/xml");

    static final String SERVICE = "GraniteServiceVersion20100801";
    static final String NAMESPACE = "http://monitoring.amazonaws.com/doc/2010-08-01/";
    private static final ObjectMapper JSON_MAPPER = new ObjectMapper();
    private static final CBORMapper CBOR_MAPPER = new CBORMapper();
    private static final CBORFactory CBOR_FACTORY = new CBORFactory();

    final String contentType;

    WireProtocol(String contentType) {
        this.contentType = contentType;
    }

    JsonNode read(byte[] body, Map<String, String> queryParameters) {
        try {
            return switch (this) {
                case JSON ->
                    body.length == 0 ? JsonNodeFactory.instance.objectNode() : object(JSON_MAPPER.readTree(body));
                case CBOR ->
                    body.length == 0 ? JsonNodeFactory.instance.objectNode() : object(CBOR_MAPPER.readTree(body));
                case QUERY -> fromQuery(queryParameters);
            };
        } catch (IOException unreadable) {
            throw CloudWatchError.malformed("The request body is not valid " + (this == CBOR ? "CBOR" : "JSON") + ": "
                    + unreadable.getMessage());
        }
    }

    private static JsonNode object(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw CloudWatchError.malformed("The request body must be an object");
        }
        return node;
    }

    /** {@code MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.2.Name=x} → nested objects and arrays. */
    static ObjectNode fromQuery(Map<String, String> parameters) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        parameters.forEach((key, value) -> {
            if (key.equals("Action") || key.equals("Version") || key.startsWith("X-Amz-")) {
                return;
            }
            String[] parts = key.split("\\.");
            ObjectNode current = root;
            for (int i = 0; i < parts.length; i++) {
                boolean listed =
                        i + 2 < parts.length && parts[i + 1].equals("member") && parts[i + 2].matches("\\d{1,4}");
                if (listed) {
                    ArrayNode array =
                            current.has(parts[i]) && current.get(parts[i]).isArray()
                                    ? (ArrayNode) current.get(parts[i])
                                    : current.putArray(parts[i]);
                    int index = Integer.parseInt(parts[i + 2]) - 1;
                    if (index < 0) {
                        throw CloudWatchError.invalidValue("List indexes start at 1: " + key);
                    }
                    while (array.size() <= index) {
                        array.addNull();
                    }
                    if (i + 2 == parts.length - 1) {
                        array.set(index, JsonNodeFactory.instance.textNode(value));
                        break;
                    }
                    if (!array.get(index).isObject()) {
                        array.set(index, JsonNodeFactory.instance.objectNode());
                    }
                    current = (ObjectNode) array.get(index);
                    i += 2;
                } else if (i == parts.length - 1) {
                    current.put(parts[i], value);
                } else {
                    current = current.has(parts[i]) && current.get(parts[i]).isObject()
                            ? (ObjectNode) current.get(parts[i])
                            : current.putObject(parts[i]);
                }
            }
        });
        return root;
    }

    byte[] write(String operation, Out.Struct result, String requestId) {
        return switch (this) {
            case JSON -> generate(JSON_MAPPER.getFactory(), result, false);
            case CBOR -> generate(CBOR_FACTORY, result, true);
            case QUERY -> xml(operation, result, requestId);
        };
    }

    byte[] error(CloudWatchError error, String requestId) {
        return switch (this) {
            case JSON, CBOR -> {
                Out.Struct body = new Out.Struct().put("__type", error.shape).put("message", error.getMessage());
                yield generate(this == JSON ? JSON_MAPPER.getFactory() : CBOR_FACTORY, body, this == CBOR);
            }
            case QUERY ->
                ("<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error><Type>" + (error.sender ? "Sender" : "Receiver")
                                + "</Type><Code>" + error.code + "</Code><Message>" + escape(error.getMessage())
                                + "</Message></Error><RequestId>"
                                + requestId + "</RequestId></ErrorResponse>")
                        .getBytes(StandardCharsets.UTF_8);
        };
    }

    private static byte[] generate(com.fasterxml.jackson.core.JsonFactory factory, Out.Struct result, boolean cbor) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = factory.createGenerator(out)) {
            write(g, result, cbor);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, Out value, boolean cbor) throws IOException {
        switch (value) {
            case Out.Struct s -> {
                g.writeStartObject();
                for (Map.Entry<String, Out> e : s.members().entrySet()) {
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue(), cbor);
                }
                g.writeEndObject();
            }
            case Out.Items items -> {
                g.writeStartArray();
                for (Out item : items.items()) {
                    write(g, item, cbor);
                }
                g.writeEndArray();
            }
            case Out.Str s -> g.writeString(s.value());
            case Out.Num n -> g.writeNumber(n.value());
            case Out.Int i -> g.writeNumber(i.value());
            case Out.Bool b -> g.writeBoolean(b.value());
            case Out.Time t -> {
                if (cbor) {
                    ((CBORGenerator) g).writeTag(1); // RFC 8949 epoch-based date/time, as Smithy RPC v2 CBOR requires
                }
                g.writeNumber(t.value().toEpochMilli() / 1000.0);
            }
        }
    }

    private static byte[] xml(String operation, Out.Struct result, String requestId) {
        StringBuilder x = new StringBuilder("<")
                .append(operation)
                .append("Response xmlns=\"")
                .append(NAMESPACE)
                .append("\">");
        if (!result.members().isEmpty()) {
            x.append('<').append(operation).append("Result>");
            xmlMembers(x, result);
            x.append("</").append(operation).append("Result>");
        }
        x.append("<ResponseMetadata><RequestId>")
                .append(requestId)
                .append("</RequestId></ResponseMetadata></")
                .append(operation)
                .append("Response>");
        return x.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void xmlMembers(StringBuilder x, Out.Struct s) {
        s.members().forEach((name, value) -> {
            x.append('<').append(name).append('>');
            xmlValue(x, value);
            x.append("</").append(name).append('>');
        });
    }

    private static void xmlValue(StringBuilder x, Out value) {
        switch (value) {
            case Out.Struct s -> xmlMembers(x, s);
            case Out.Items items ->
                items.items().forEach(item -> {
                    x.append("<member>");
                    xmlValue(x, item);
                    x.append("</member>");
                });
            case Out.Str s -> x.append(escape(s.value()));
            case Out.Num n -> x.append(n.value());
            case Out.Int i -> x.append(i.value());
            case Out.Bool b -> x.append(b.value());
            case Out.Time t ->
                x.append(DateTimeFormatter.ISO_INSTANT.format(
                        t.value().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
