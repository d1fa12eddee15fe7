package dev.orders.bridge.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.shared.QueueSender;
import java.util.LinkedHashMap;
import java.util.Map;

/** A queue sender's wire protocol (SQS {@code SendMessage}), both ends. */
public final class QueueWire {

    public static final String KIND = "queue";

    private QueueWire() {}

    public static QueueSender client(Channel channel) {
        return (body, attributes) -> {
            ObjectNode request = Wire.object().put("body", body);
            ObjectNode map = request.putObject("attributes");
            attributes.forEach(map::put);
            return Wire.text(Wire.read(channel.call("send", Wire.bytes(request))), "messageId");
        };
    }

    public static byte[] serve(QueueSender sender, String operation, byte[] bytes) {
        if (!operation.equals("send")) {
            throw Wire.unknown(KIND, operation);
        }
        JsonNode request = Wire.read(bytes);
        Map<String, String> attributes = new LinkedHashMap<>();
        request.get("attributes")
                .properties()
                .forEach(e -> attributes.put(e.getKey(), e.getValue().asText()));
        return Wire.bytes(Wire.object().put("messageId", sender.send(Wire.text(request, "body"), attributes)));
    }
}
