package dev.orders.functions.outbox;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Record;
import dev.orders.functions.aws.OrdersTable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** What one change-stream record means to the publisher. */
sealed interface OutboxRecord {

    /** An order, idempotency or dedupe item, a modification or a TTL deletion: nothing to publish. */
    record Skip() implements OutboxRecord {}

    record Publish(OutboundEvent event) implements OutboxRecord {}

    /** An outbox item that cannot become an event: report it, so retries end in the failure destination. */
    record Malformed(String reason) implements OutboxRecord {}

    static OutboxRecord of(Record record) {
        Map<String, AttributeValue> image =
                record.getDynamodb() == null ? null : record.getDynamodb().getNewImage();
        if (!"INSERT".equals(record.getEventName())
                || image == null
                || !OrdersTable.KIND_OUTBOX.equals(text(image, OrdersTable.KIND))) {
            return new Skip();
        }
        String eventId = text(image, OrdersTable.OUTBOX_EVENT_ID);
        String detailType = text(image, OrdersTable.OUTBOX_DETAIL_TYPE);
        String detail = text(image, OrdersTable.OUTBOX_DETAIL);
        String occurredAt = text(image, OrdersTable.OUTBOX_OCCURRED_AT);
        if (eventId == null || detailType == null || detail == null || occurredAt == null) {
            return new Malformed("outbox item lacks eventId, detailType, detail or occurredAt");
        }
        try {
            return new Publish(new OutboundEvent(eventId, detailType, detail, Instant.parse(occurredAt)));
        } catch (DateTimeParseException e) {
            return new Malformed("occurredAt is not an ISO-8601 instant: " + occurredAt);
        }
    }

    private static String text(Map<String, AttributeValue> image, String name) {
        AttributeValue value = image.get(name);
        return value == null ? null : value.getS();
    }
}
