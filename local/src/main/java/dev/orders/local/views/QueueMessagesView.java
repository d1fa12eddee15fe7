package dev.orders.local.views;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.queue.LocalQueues;
import dev.orders.local.queue.StoredMessage;
import java.util.List;
import java.util.Map;

/**
 * A queue nothing consumes, shown whole: {@code {"queue", "depth", "messages": [{"messageId", "sentAt", "body"}]}},
 * each body as JSON when it is JSON. {@code /_local/quarantine} and {@code /_local/stream-failures} are two of these.
 */
public record QueueMessagesView(LocalQueues queues, String queue) implements View {

    static final int LIMIT = 1000;

    record Message(String messageId, String sentAt, JsonNode body, Map<String, String> attributes) {}

    record Body(String queue, long depth, List<Message> messages) {}

    @Override
    public Answer render(Map<String, String> query) {
        List<Message> messages = queues.peek(queue, LIMIT).stream()
                .map(m -> new Message(m.messageId(), m.sentAt().toString(), body(m), m.attributes()))
                .toList();
        return Answer.ok(new Body(queue, queues.counts(queue).depth(), messages));
    }

    private static JsonNode body(StoredMessage message) {
        try {
            return Json.internal().readTree(message.body());
        } catch (JsonProcessingException notJson) {
            return TextNode.valueOf(message.body());
        }
    }
}
