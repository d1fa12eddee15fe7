package dev.orders.bridge.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.domain.port.Quarantine;
import java.time.Instant;
import java.util.Base64;

/** The quarantine's wire protocol, both ends: the payload travels as base64, byte for byte. */
public final class QuarantineWire {

    public static final String KIND = "quarantine";

    private QuarantineWire() {}

    public static Quarantine client(Channel channel) {
        return item -> channel.call(
                "hold",
                Wire.bytes(Wire.object()
                        .put("source", item.source())
                        .put("itemId", item.itemId())
                        .put("payload", Base64.getEncoder().encodeToString(item.payload()))
                        .put("reason", item.reason())
                        .put("at", item.at().toString())));
    }

    public static byte[] serve(Quarantine quarantine, String operation, byte[] bytes) {
        if (!operation.equals("hold")) {
            throw Wire.unknown(KIND, operation);
        }
        JsonNode request = Wire.read(bytes);
        quarantine.hold(new Quarantine.Item(
                Wire.text(request, "source"),
                Wire.text(request, "itemId"),
                Base64.getDecoder().decode(Wire.text(request, "payload")),
                Wire.text(request, "reason"),
                Instant.parse(Wire.text(request, "at"))));
        return Wire.bytes(Wire.object());
    }
}
