package dev.orders.functions.shared;

import java.util.Map;

/**
 * Sends one message to one queue (SQS {@code SendMessage}). Returns once the queue has stored the
 * message durably; throws when it could not, so the caller can refuse or retry rather than lose it.
 */
@FunctionalInterface
public interface QueueSender {

    /** Sends {@code body} with string message attributes; returns the queue's message id. */
    String send(String body, Map<String, String> attributes);
}
