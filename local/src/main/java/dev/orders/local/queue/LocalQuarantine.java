package dev.orders.local.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.domain.port.Quarantine;
import dev.orders.functions.shared.Json;
import dev.orders.functions.shared.QueueSender;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The quarantine port on a local queue: the item as a JSON body with its reason, its payload in base64 and,
 * when it is text, as text. (The AWS adapter, {@code SqsQuarantine}, carries the reason in message attributes.)
 */
public final class LocalQuarantine implements Quarantine {

    private final QueueSender queue;

    public LocalQuarantine(QueueSender queue) {
        this.queue = queue;
    }

    @Override
    public void hold(Item item) {
        ObjectNode json = Json.internal()
                .createObjectNode()
                .put("source", item.source())
                .put("itemId", item.itemId())
                .put("reason", item.reason())
                .put("quarantinedAt", item.at().toString())
                .put("payloadBase64", Base64.getEncoder().encodeToString(item.payload()));
        try {
            json.put(
                    "payloadText",
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .decode(ByteBuffer.wrap(item.payload()))
                            .toString());
        } catch (CharacterCodingException binary) {
            // not text: the base64 form is enough
        }
        queue.send(json.toString(), Map.of());
    }
}
