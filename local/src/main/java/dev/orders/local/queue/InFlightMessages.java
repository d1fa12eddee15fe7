package dev.orders.local.queue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.orders.local.lambda.LocalFunction;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The messages a handler is running on right now, until it really returns. Lambda stops a timed-out
 * environment; a JVM thread cannot be stopped, so a local invocation that timed out may still be
 * running when its messages' visibility timeout ends. The mapping consults this set and keeps such a
 * message hidden instead of handing it to a second invocation at the same time.
 */
final class InFlightMessages {

    private final Set<String> running = ConcurrentHashMap.newKeySet();

    boolean isRunning(String messageId) {
        return running.contains(messageId);
    }

    /** Invokes {@code function} with the batch; its messages count as running until the handler really returns. */
    LocalFunction.Result<SQSBatchResponse> invoke(LocalFunction<SQSEvent, SQSBatchResponse> function, SQSEvent event) {
        var ids = event.getRecords().stream()
                .map(SQSEvent.SQSMessage::getMessageId)
                .toList();
        running.addAll(ids);
        return function.invoke(event, () -> ids.forEach(running::remove));
    }
}
