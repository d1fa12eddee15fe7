package dev.orders.local.queue;

import java.time.Instant;
import java.util.Map;

/** A message as one receive returns it: with this receive's handle and the count of receives so far. */
public record QueueMessage(
        String messageId,
        String receiptHandle,
        String body,
        Map<String, String> attributes,
        int receiveCount,
        Instant sentAt,
        Instant firstReceivedAt) {

    public QueueMessage {
        attributes = Map.copyOf(attributes);
    }
}
