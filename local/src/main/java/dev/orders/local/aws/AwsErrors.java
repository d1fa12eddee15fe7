package dev.orders.local.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.shared.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * AWS's error shapes, one per protocol, built with a JSON mapper or an XML writer (never by pasting text into
 * a template), so a message that quotes the client's input cannot break the document. Status below 500 is
 * the client's fault ({@code Sender}/{@code User}), 500 and above the service's.
 */
public final class AwsErrors {

    public static final String JSON_1_0 = "application/x-amz-json-1.0";
    public static final String JSON_1_1 = "application/x-amz-json-1.1";
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private AwsErrors() {}

    /** JSON protocol (Kinesis, DynamoDB): {@code {"__type": TYPE, "message": MESSAGE}} with the request's JSON version. */
    public static AwsResponse json(int status, String contentType, String type, String message) {
        ObjectNode body = Json.internal().createObjectNode().put("__type", type).put("message", message);
        return AwsResponse.json(status, contentType, Map.of("x-amzn-RequestId", requestId()), body);
    }

    /** REST-JSON (Lambda): the type in {@code X-Amzn-ErrorType}, the body {@code {"Type": "User"|"Service", "Message": …}}. */
    public static AwsResponse restJson(int status, String type, String message) {
        ObjectNode body = Json.internal()
                .createObjectNode()
                .put("Type", status < 500 ? "User" : "Service")
                .put("Message", message);
        return AwsResponse.json(
                status, "application/json", Map.of("X-Amzn-ErrorType", type, "x-amzn-RequestId", requestId()), body);
    }

    /**
     * Query protocol (CloudWatch): {@code <ErrorResponse xmlns=NS><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>},
     * {@code namespace} being the service's API namespace (e.g. {@code http://monitoring.amazonaws.com/doc/2010-08-01/}).
     */
    public static AwsResponse query(int status, String namespace, String code, String message) {
        String requestId = requestId();
        return xml(status, Map.of("x-amzn-RequestId", requestId), w -> {
            w.writeStartElement("ErrorResponse");
            if (namespace != null) {
                w.writeDefaultNamespace(namespace);
            }
            w.writeStartElement("Error");
            element(w, "Type", status < 500 ? "Sender" : "Receiver");
            element(w, "Code", code);
            element(w, "Message", message);
            w.writeEndElement();
            element(w, "RequestId", requestId);
            w.writeEndElement();
        });
    }

    /** REST-XML (S3): {@code <Error><Code/><Message/><Resource/><RequestId/></Error>}. */
    public static AwsResponse restXml(int status, String code, String message, String resource) {
        String requestId = requestId();
        return xml(status, Map.of("x-amz-request-id", requestId), w -> {
            w.writeStartElement("Error");
            element(w, "Code", code);
            element(w, "Message", message);
            if (resource != null) {
                element(w, "Resource", resource);
            }
            element(w, "RequestId", requestId);
            w.writeEndElement();
        });
    }

    /** An error in whatever protocol the request speaks: for answers no service gave (unknown service, a fault). */
    public static AwsResponse in(AwsProtocol protocol, AwsRequest request, int status, String code, String message) {
        return switch (protocol) {
            case JSON ->
                json(
                        status,
                        request.header("Content-Type").filter(JSON_1_0::equals).orElse(JSON_1_1),
                        code,
                        message);
            case REST_JSON -> restJson(status, code, message);
            case QUERY -> query(status, null, code, message);
            case REST_XML -> restXml(status, code, message, request.path());
        };
    }

    /** Writes a document's elements (the declaration is written around it). */
    @FunctionalInterface
    public interface XmlBody {
        void write(XMLStreamWriter writer) throws XMLStreamException;
    }

    /** An XML answer (the REST-XML and query protocols' bodies), written by the StAX writer. */
    public static AwsResponse xml(int status, Map<String, String> headers, XmlBody body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            XMLStreamWriter writer = XML.createXMLStreamWriter(bytes, StandardCharsets.UTF_8.name());
            writer.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
            body.write(writer);
            writer.writeEndDocument();
            writer.close();
        } catch (XMLStreamException impossible) {
            throw new IllegalStateException("an error document could not be written", impossible);
        }
        return new AwsResponse(status, "application/xml", headers, bytes.toByteArray());
    }

    /** {@code <name>text</name>}, the text made safe for XML 1.0. */
    public static void element(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(xmlSafe(text));
        w.writeEndElement();
    }

    /** Characters XML 1.0 cannot carry at all (most control characters) become U+FFFD; the writer escapes the rest. */
    private static String xmlSafe(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints()
                .forEach(c -> safe.appendCodePoint(
                        c == 0x9
                                        || c == 0xA
                                        || c == 0xD
                                        || c >= 0x20 && c <= 0xD7FF
                                        || c >= 0xE000 && c <= 0xFFFD
                                        || c >= 0x10000
                                ? c
                                : 0xFFFD));
        return safe.toString();
    }

    private static String requestId() {
        return UUID.randomUUID().toString();
    }
}
