package dev.orders.functions.aws;

import dev.orders.domain.port.Quarantine;
import dev.orders.functions.shared.QueueSender;
import java.util.Base64;
import java.util.Map;

/**
 * The quarantine on SQS: the record's bytes (base64, since they may not be text) as the body, its
 * origin and reason as message attributes. {@code send} returns only once SQS has stored the message.
 */
public record SqsQuarantine(QueueSender queue) implements Quarantine {

    @Override
    public void hold(Item item) {
        queue.send(
                Base64.getEncoder().encodeToString(item.payload()),
                Map.of(
                        "source", item.source(),
                        "itemId", item.itemId(),
                        "reason", item.reason().length() > 1024 ? item.reason().substring(0, 1024) : item.reason(),
                        "quarantinedAt", item.at().toString()));
    }
}
