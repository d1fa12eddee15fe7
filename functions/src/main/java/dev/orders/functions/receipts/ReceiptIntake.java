package dev.orders.functions.receipts;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import dev.orders.domain.order.Receipt;
import dev.orders.domain.receipts.AttachingReceipts;
import dev.orders.domain.receipts.AttachingReceipts.Outcome;
import dev.orders.domain.receipts.AttachingReceipts.Upload;
import dev.orders.domain.receipts.AttachingReceipts.Verdict;
import dev.orders.domain.receipts.ReceiptKey;
import dev.orders.domain.receipts.ReceiptPolicy;
import dev.orders.functions.shared.Metrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One S3 notification: each created object under {@code receipts/} is streamed to the invocation's scratch directory,
 * inspected ({@link ImageInspection}), and recorded on its order ({@link AttachingReceipts}): an accepted image gets
 * its thumbnail under {@code thumbnails/} first, a rejected upload is noted on the order and then moved to
 * {@code quarantine/} with its reason in the object's metadata. A redelivered notification finds its object version
 * recorded and does nothing (a rejected one only finishes its move). Whatever the bucket or the store fail with is
 * thrown: the invocation fails and Lambda retries it.
 */
final class ReceiptIntake {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiptIntake.class);
    static final String REASON_METADATA = "rejection-reason";
    static final String CODE_METADATA = "rejection-code";

    private final AttachingReceipts attaching;
    private final ReceiptObjects objects;
    private final ScratchSpace scratch;
    private final Clock clock;
    private final Metrics metrics;

    ReceiptIntake(
            AttachingReceipts attaching, ReceiptObjects objects, ScratchSpace scratch, Clock clock, Metrics metrics) {
        this.attaching = attaching;
        this.objects = objects;
        this.scratch = scratch;
        this.clock = clock;
        this.metrics = metrics;
    }

    void process(S3Event event, String requestId) {
        List<S3EventNotificationRecord> records =
                event == null || event.getRecords() == null ? List.of() : event.getRecords();
        try (ScratchSpace.Invocation invocation = scratch.open(requestId)) {
            for (S3EventNotificationRecord record : records) {
                handle(record, invocation);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("receipts: the bucket or the scratch space failed", e);
        }
    }

    private void handle(S3EventNotificationRecord record, ScratchSpace.Invocation invocation) throws IOException {
        if (record == null
                || record.getS3() == null
                || record.getS3().getObject() == null
                || record.getEventName() == null
                || !record.getEventName().startsWith("ObjectCreated:")) {
            LOG.info("not an object-created record; ignored");
            return;
        }
        var object = record.getS3().getObject();
        // S3 event keys are URL-encoded (a space arrives as '+').
        String key = URLDecoder.decode(object.getKey(), StandardCharsets.UTF_8);
        String etag = unquoted(object.geteTag());
        long size = object.getSizeAsLong() == null ? 0 : object.getSizeAsLong();
        MDC.put("object_key", key);
        try {
            Optional<ReceiptKey> receiptKey = ReceiptKey.parse(key);
            if (receiptKey.isEmpty()) {
                quarantine(key, etag, "unknown-order", "unknown-order: the key is not receipts/{orderId}/{receiptId}");
                return;
            }
            Upload upload = new Upload(receiptKey.get(), etag, size);
            Optional<Receipt> recorded = attaching.recorded(upload);
            if (recorded.isPresent()) {
                redelivered(upload, recorded.get());
                return;
            }
            inspectAndRecord(upload, invocation);
        } finally {
            MDC.remove("object_key");
        }
    }

    private void inspectAndRecord(Upload upload, ScratchSpace.Invocation invocation) throws IOException {
        String key = upload.key().key();
        Verdict verdict;
        Optional<Verdict> bySize =
                ReceiptPolicy.size(upload.size()).map(r -> new Verdict.Rejected(r, Optional.empty()));
        if (bySize.isPresent()) {
            verdict = bySize.get();
        } else {
            if (!invocation.fits(upload.size() + ReceiptPolicy.MAX_BYTES / 10)) {
                // Not the upload's fault: another invocation's files, or a template that sized /tmp too small.
                throw new IllegalStateException(
                        "ephemeral storage is full: " + upload.size() + " bytes do not fit in " + scratch);
            }
            Optional<ReceiptObjects.Stored> stored = objects.download(key, upload.etag(), invocation.file("upload"));
            if (stored.isEmpty()) {
                LOG.info("{} is gone or was replaced since the notification; nothing to do", key);
                metrics.count("ReceiptsSuperseded");
                return;
            }
            verdict = ImageInspection.inspect(
                    invocation.file("upload"), stored.get().contentType(), invocation.file("thumbnail.jpg"));
            if (verdict instanceof Verdict.Accepted) {
                objects.put(upload.key().thumbnailKey(), invocation.file("thumbnail.jpg"), "image/jpeg");
            }
        }
        switch (attaching.record(upload, verdict, clock.instant())) {
            case Outcome.Attached attached -> {
                LOG.info(
                        "receipt {} attached to order {}",
                        attached.receipt().receiptId(),
                        attached.order().id());
                metrics.count("ReceiptsAttached");
            }
            case Outcome.Rejected rejected -> {
                String reason = rejected.receipt().rejection().orElseThrow();
                quarantine(key, upload.etag(), code(reason), reason);
            }
            case Outcome.AlreadyRecorded duplicate -> redelivered(upload, duplicate.receipt());
            case Outcome.TooMany tooMany ->
                quarantine(
                        key,
                        upload.etag(),
                        "too-many-receipts",
                        "too-many-receipts: order " + upload.key().orderId() + " holds " + ReceiptPolicy.MAX_RECEIPTS
                                + " already");
            case Outcome.UnknownOrder unknown ->
                quarantine(
                        key,
                        upload.etag(),
                        "unknown-order",
                        "unknown-order: order " + upload.key().orderId() + " does not exist");
            case Outcome.Contended contended ->
                throw new IllegalStateException(
                        "order " + upload.key().orderId() + " kept changing; the notification will be retried");
        }
    }

    /** A notification delivered again: the receipt stands; a rejected upload's move is finished if it was cut short. */
    private void redelivered(Upload upload, Receipt receipt) throws IOException {
        LOG.info("{} was recorded before ({}); nothing more to do", upload.key().key(), receipt.status());
        metrics.count("ReceiptsDuplicate");
        if (!receipt.isAttached()) {
            String reason = receipt.rejection().orElseThrow();
            objects.quarantine(
                    upload.key().key(),
                    upload.etag(),
                    ReceiptKey.quarantineKey(upload.key().key()),
                    Map.of(REASON_METADATA, reason, CODE_METADATA, code(reason)));
        }
    }

    private void quarantine(String key, String etag, String code, String reason) throws IOException {
        objects.quarantine(
                key, etag, ReceiptKey.quarantineKey(key), Map.of(REASON_METADATA, reason, CODE_METADATA, code));
        LOG.warn("{} quarantined: {}", key, reason);
        metrics.count("ReceiptsRejected", code);
    }

    private static String code(String reason) {
        int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
    }

    private static String unquoted(String etag) {
        if (etag == null) {
            return "";
        }
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
                ? etag.substring(1, etag.length() - 1)
                : etag;
    }
}
