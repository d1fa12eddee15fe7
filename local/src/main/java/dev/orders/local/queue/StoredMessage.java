package dev.orders.local.queue;

import java.time.Instant;
import java.util.Map;

/** A message as it sits in a queue, looked at without receiving it (no receipt handle, no visibility change). */
public record StoredMessage(
        String messageId, String body, Map<String, String> attributes, int receiveCount, Instant sentAt) {

    public StoredMessage {
        attributes = Map.copyOf(attributes);
    }
}
