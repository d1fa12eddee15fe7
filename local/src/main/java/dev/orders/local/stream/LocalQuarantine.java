package dev.orders.local.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.domain.port.Quarantine;
import dev.orders.functions.shared.Json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The quarantine port on a local destination queue: the item as JSON, its payload in base64 and, when it is text, as text. */
public final class LocalQuarantine implements Quarantine {

    private final DestinationQueue queue;

    public LocalQuarantine(DestinationQueue queue) {
        this.queue = queue;
    }

    @Override
    public void hold(Item item) {
        ObjectNode json = Json.internal().createObjectNode().put("source", item.source()).put("itemId", item.itemId())
                .put("reason", item.reason()).put("quarantinedAt", item.at().toString())
                .put("payloadBase64", Base64.getEncoder().encodeToString(item.payload()));
        try {
            json.put("payloadText", StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(item.payload())).toString());
        } catch (CharacterCodingException binary) {
            // not text: the base64 form is enough
        }
        queue.send(json.toString());
    }
}
