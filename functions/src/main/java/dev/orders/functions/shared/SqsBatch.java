package dev.orders.functions.shared;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Partial batch responses for an SQS-triggered handler: each message is handled on its own, and only
 * the ones that must come back (the handler said so, or a dependency threw) are reported as failed.
 */
public final class SqsBatch {

    private static final Logger LOG = LoggerFactory.getLogger(SqsBatch.class);

    private SqsBatch() {}

    /** {@code handle} answers true when the message is done with, false to have it delivered again. */
    public static SQSBatchResponse process(SQSEvent event, Predicate<SQSEvent.SQSMessage> handle) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            MDC.put("message_id", message.getMessageId());
            try {
                if (!handle.test(message)) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                }
            } catch (RuntimeException dependency) {
                LOG.error("message failed; it will be delivered again", dependency);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            } finally {
                MDC.remove("message_id");
            }
        }
        return new SQSBatchResponse(failures);
    }
}
