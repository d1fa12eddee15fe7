package dev.orders.functions.fulfillment;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.orders.domain.fulfillment.FulfillmentDraft;
import dev.orders.domain.fulfillment.RecordingFulfillment;
import dev.orders.domain.fulfillment.RecordingFulfillment.Outcome;
import dev.orders.domain.port.Quarantine;
import dev.orders.functions.shared.Metrics;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One Kinesis batch, in order. A record that can never be applied is quarantined and the batch goes
 * on; a record for an order not paid yet is held (put on the hold queue, tried again there) and the batch
 * goes on, so one unpaid order never blocks the others of its shard; a record that may succeed later stops
 * the batch and is reported as the first failure, so Lambda checkpoints before it and replays from it (the
 * dedupe ledger makes the replay harmless).
 */
final class FulfillmentBatch {

    private static final Logger LOG = LoggerFactory.getLogger(FulfillmentBatch.class);

    private final RecordingFulfillment recording;
    private final Quarantine quarantine;
    private final FulfillmentHold hold;
    private final Clock clock;
    private final Metrics metrics;

    FulfillmentBatch(
            RecordingFulfillment recording, Quarantine quarantine, FulfillmentHold hold, Clock clock, Metrics metrics) {
        this.recording = recording;
        this.quarantine = quarantine;
        this.hold = hold;
        this.clock = clock;
        this.metrics = metrics;
    }

    StreamsEventResponse process(KinesisEvent event) {
        List<KinesisEvent.KinesisEventRecord> records =
                event == null || event.getRecords() == null ? List.of() : event.getRecords();
        // One EMF line per outcome for the whole batch, written however the batch ends.
        Metrics.Tally tally = metrics.tally();
        try {
            return process(records, tally);
        } finally {
            tally.flush();
        }
    }

    private StreamsEventResponse process(List<KinesisEvent.KinesisEventRecord> records, Metrics.Tally tally) {
        List<byte[]> data = new ArrayList<>(records.size());
        List<FulfillmentRecordReader.Read> reads = new ArrayList<>(records.size());
        for (KinesisEvent.KinesisEventRecord record : records) {
            byte[] bytes = bytes(
                    record.getKinesis() == null ? null : record.getKinesis().getData());
            data.add(bytes);
            reads.add(FulfillmentRecordReader.read(bytes));
        }
        Iterator<Outcome> recorded = recordTogether(reads);
        for (int i = 0; i < records.size(); i++) {
            KinesisEvent.KinesisEventRecord record = records.get(i);
            String sequenceNumber =
                    record.getKinesis() == null ? null : record.getKinesis().getSequenceNumber();
            MDC.put("sequence_number", String.valueOf(sequenceNumber));
            try {
                Optional<String> retry = switch (reads.get(i)) {
                    case FulfillmentRecordReader.Read.Unreadable unreadable ->
                        quarantine(record, sequenceNumber, data.get(i), unreadable.reason(), tally);
                    case FulfillmentRecordReader.Read.Draft draft ->
                        handle(
                                record,
                                sequenceNumber,
                                data.get(i),
                                recorded.hasNext() ? recorded.next() : recording.record(draft.draft()),
                                tally);
                };
                if (retry.isPresent()) {
                    LOG.warn("stopping the batch at {}: {}", sequenceNumber, retry.get());
                    tally.count("FulfillmentRetried", retry.get());
                    return failedAt(sequenceNumber);
                }
            } catch (RuntimeException dependencyFailed) {
                // The store or the quarantine is unavailable: nothing about the record is wrong, so try it again later.
                LOG.error("stopping the batch at {}: a dependency failed", sequenceNumber, dependencyFailed);
                tally.count("FulfillmentRetried", "dependency-failed");
                return failedAt(sequenceNumber);
            } finally {
                MDC.remove("sequence_number");
            }
        }
        return new StreamsEventResponse(List.of());
    }

    /**
     * The batch's drafts recorded together (a read of their orders and one write of their changes, instead of a read
     * and a write per record), their outcomes in the records' order, each the one recording it alone would have had;
     * they stop at the first that must be retried. Acting on them (logs, holds, quarantines, the failure reported)
     * stays per record, in order. When recording them together fails, the records are recorded one by one instead,
     * so the failure is reported at the record it stops (what was written before it is recognised by its dedupe mark).
     */
    private Iterator<Outcome> recordTogether(List<FulfillmentRecordReader.Read> reads) {
        List<FulfillmentDraft> drafts = new ArrayList<>(reads.size());
        for (FulfillmentRecordReader.Read read : reads) {
            if (read instanceof FulfillmentRecordReader.Read.Draft draft) {
                drafts.add(draft.draft());
            }
        }
        if (drafts.size() < 2) {
            return Collections.emptyIterator();
        }
        try {
            return recording.recordAll(drafts).iterator();
        } catch (RuntimeException failed) {
            LOG.warn(
                    "recording the batch's {} records together failed ({}); recording them one by one",
                    drafts.size(),
                    failed.toString());
            return Collections.emptyIterator();
        }
    }

    /** Empty when the record is done with (applied, ignored or quarantined); else why it must be retried. */
    private Optional<String> handle(
            KinesisEvent.KinesisEventRecord record,
            String sequenceNumber,
            byte[] data,
            Outcome outcome,
            Metrics.Tally tally) {
        return switch (outcome) {
            case Outcome.Advanced applied -> {
                LOG.info(
                        "order {} is now {}",
                        applied.order().id(),
                        applied.order().status());
                tally.count("FulfillmentApplied");
                yield Optional.empty();
            }
            case Outcome.AwaitingPayment awaiting -> {
                hold.hold(data, awaiting.orderId(), clock.instant());
                LOG.info(
                        "order {} is {}, not paid: {} held until it is",
                        awaiting.orderId(),
                        awaiting.current(),
                        awaiting.reported());
                tally.count("FulfillmentHeld");
                yield Optional.empty();
            }
            case Outcome.AlreadyApplied duplicate -> {
                LOG.info("event {} was recorded before; nothing to do", duplicate.eventId());
                tally.count("FulfillmentDuplicate");
                yield Optional.empty();
            }
            case Outcome.Stale stale -> {
                LOG.info("order {} is already {}; {} ignored", stale.orderId(), stale.current(), stale.reported());
                tally.count("FulfillmentStale");
                yield Optional.empty();
            }
            case Outcome.Rejected rejected ->
                quarantine(record, sequenceNumber, data, rejected.rejection().reason(), tally);
            case Outcome.NotVisible missing -> Optional.of("order-not-visible");
            case Outcome.Contended contended -> Optional.of("order-contended");
        };
    }

    private Optional<String> quarantine(
            KinesisEvent.KinesisEventRecord record,
            String sequenceNumber,
            byte[] data,
            String reason,
            Metrics.Tally tally) {
        String itemId = record.getEventID() != null ? record.getEventID() : String.valueOf(sequenceNumber);
        quarantine.hold(new Quarantine.Item("fulfillment", itemId, data, reason, clock.instant()));
        LOG.warn("record {} quarantined: {}", itemId, reason);
        tally.count(
                "FulfillmentQuarantined",
                reason.substring(0, reason.indexOf(':') < 0 ? reason.length() : reason.indexOf(':')));
        return Optional.empty();
    }

    private static StreamsEventResponse failedAt(String sequenceNumber) {
        return new StreamsEventResponse(List.of(new StreamsEventResponse.BatchItemFailure(sequenceNumber)));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return new byte[0];
        }
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
