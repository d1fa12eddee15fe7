package dev.orders.functions.fulfillment;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.orders.domain.fulfillment.HoldingFulfillment;
import dev.orders.domain.port.Quarantine;
import dev.orders.functions.shared.Metrics;
import dev.orders.functions.shared.SqsBatch;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch from the hold queue. A record still waiting for its payment is reported failed, so SQS hands it
 * back after the queue's visibility timeout (the retry interval); one that applies (or is stale, or a
 * duplicate) is done; one that waited past the bound is quarantined with its reason and done.
 */
final class HeldRecords {

    private static final Logger LOG = LoggerFactory.getLogger(HeldRecords.class);

    private final HoldingFulfillment holding;
    private final Quarantine quarantine;
    private final Clock clock;
    private final Metrics metrics;

    HeldRecords(HoldingFulfillment holding, Quarantine quarantine, Clock clock, Metrics metrics) {
        this.holding = holding;
        this.quarantine = quarantine;
        this.clock = clock;
        this.metrics = metrics;
    }

    SQSBatchResponse process(SQSEvent event) {
        return SqsBatch.process(event, this::retry);
    }

    /** True when the held record is done with; false to have it back after the visibility timeout. */
    private boolean retry(SQSEvent.SQSMessage message) {
        byte[] data =
                message.getBody() == null ? new byte[0] : message.getBody().getBytes(StandardCharsets.UTF_8);
        Optional<Instant> heldSince = FulfillmentHold.heldSince(attributes(message));
        if (heldSince.isEmpty()) {
            return quarantine(
                    message, data, "hold-invalid: the held message has no " + FulfillmentHold.HELD_SINCE + " instant");
        }
        return switch (FulfillmentRecordReader.read(data)) {
            case FulfillmentRecordReader.Read.Unreadable unreadable -> quarantine(message, data, unreadable.reason());
            case FulfillmentRecordReader.Read.Draft draft ->
                switch (holding.retry(draft.draft(), heldSince.get(), clock.instant())) {
                    case HoldingFulfillment.Outcome.Settled settled -> {
                        LOG.info(
                                "held record settled: {}",
                                settled.outcome().getClass().getSimpleName());
                        metrics.count("FulfillmentHoldReleased");
                        yield true;
                    }
                    case HoldingFulfillment.Outcome.StillHeld held -> {
                        LOG.info("record still held: {}", held.cause());
                        metrics.count("FulfillmentHoldRetried", held.cause());
                        yield false;
                    }
                    case HoldingFulfillment.Outcome.GivenUp givenUp -> quarantine(message, data, givenUp.reason());
                };
        };
    }

    private boolean quarantine(SQSEvent.SQSMessage message, byte[] data, String reason) {
        quarantine.hold(new Quarantine.Item(
                "fulfillment-hold", String.valueOf(message.getMessageId()), data, reason, clock.instant()));
        LOG.warn("held record {} quarantined: {}", message.getMessageId(), reason);
        metrics.count(
                "FulfillmentQuarantined",
                reason.substring(0, reason.indexOf(':') < 0 ? reason.length() : reason.indexOf(':')));
        return true;
    }

    private static Map<String, String> attributes(SQSEvent.SQSMessage message) {
        Map<String, String> values = new HashMap<>();
        if (message.getMessageAttributes() != null) {
            message.getMessageAttributes().forEach((name, value) -> {
                if (value != null && value.getStringValue() != null) {
                    values.put(name, value.getStringValue());
                }
            });
        }
        return values;
    }
}
