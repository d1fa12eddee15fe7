package dev.orders.functions.outbox;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch of the orders table's stream: the new outbox items, published in order. On failure it reports the
 * first record not published, as a stream mapping expects: Lambda retries from there, so the bus may see an
 * event twice (consumers deduplicate on detail.eventId) but never misses one.
 */
final class OutboxBatch {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxBatch.class);

    private final EventPublisher publisher;

    OutboxBatch(EventPublisher publisher) {
        this.publisher = publisher;
    }

    StreamsEventResponse process(DynamodbEvent event) {
        List<DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        List<OutboundEvent> events = new ArrayList<>();
        List<String> sequenceNumbers = new ArrayList<>();
        String stopAt = null;
        for (DynamodbStreamRecord record : records) {
            switch (OutboxRecord.of(record)) {
                case OutboxRecord.Skip skip -> {}
                case OutboxRecord.Publish publish -> {
                    events.add(publish.event());
                    sequenceNumbers.add(sequenceNumber(record));
                }
                case OutboxRecord.Malformed malformed -> {
                    LOG.error("outbox record {} cannot be published: {}", sequenceNumber(record), malformed.reason());
                    stopAt = sequenceNumber(record);
                }
            }
            if (stopAt != null) {
                break;
            }
        }
        int published = events.isEmpty() ? 0 : publisher.publish(events);
        if (published < events.size()) {
            stopAt = sequenceNumbers.get(published);
        }
        return stopAt == null
                ? new StreamsEventResponse(List.of())
                : new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(stopAt)));
    }

    private static String sequenceNumber(DynamodbStreamRecord record) {
        return record.getDynamodb().getSequenceNumber();
    }
}
