package dev.orders.functions.shared;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.Map;

/**
 * A queue's dead-letter queue, written by the handler itself for a message that can never succeed: the
 * message as it came, with why. Redrive after maxReceiveCount would carry no reason and would hold the message
 * for maxReceiveCount × the visibility timeout first. {@code send} returns once SQS stored it, or throws, and
 * then the message is reported failed and comes back: nothing is dropped.
 */
public record DeadLetters(QueueSender queue) {

    public static final String REASON_ATTRIBUTE = "RejectionReason";
    public static final String CODE_ATTRIBUTE = "RejectionCode";
    /** SQS caps a message attribute's value far above this; a reason stays readable at a glance. */
    static final int MAX_REASON = 1024;

    public void reject(SQSEvent.SQSMessage message, String code, String reason) {
        queue.send(
                message.getBody(),
                Map.of(
                        REASON_ATTRIBUTE,
                        reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason,
                        CODE_ATTRIBUTE,
                        code,
                        "SourceMessageId",
                        String.valueOf(message.getMessageId())));
    }
}
