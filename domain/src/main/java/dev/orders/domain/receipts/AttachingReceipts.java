package dev.orders.domain.receipts;

import dev.orders.domain.advancing.DedupeId;
import dev.orders.domain.order.Dimensions;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.Receipt;
import dev.orders.domain.port.OrderStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Recording an upload on its order, once per object version (key + ETag): S3 may deliver a notification more than
 * once, and each delivery must leave one receipt and at most one {@code ReceiptAttached}. An accepted upload is
 * attached and announced; a rejected one is noted on the order with its reason and announces nothing. The write
 * carries the version's dedupe mark, so a redelivery that races the first one is recognised by the store.
 */
public final class AttachingReceipts {

    /** Bounded: each conflict means another writer changed the order, so a fresh read usually settles it. */
    public static final int ATTEMPTS = 3;

    private final OrderStore store;

    public AttachingReceipts(OrderStore store) {
        this.store = store;
    }

    /** One object version under {@code receipts/}: its key, its ETag (as S3 reported it) and its size. */
    public record Upload(ReceiptKey key, String etag, long size) {
        public Upload {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(etag, "etag");
        }

        DedupeId dedupeId() {
            return DedupeId.receipt(key.key(), etag);
        }
    }

    /** What the function found the upload to be. */
    public sealed interface Verdict {
        record Accepted(Dimensions dimensions, String sha256) implements Verdict {}

        /** {@code dimensions} when the header was read before the rejection. */
        record Rejected(Rejection rejection, Optional<Dimensions> dimensions) implements Verdict {}
    }

    public sealed interface Outcome {
        /** Attached; its {@code ReceiptAttached} is in the outbox. */
        record Attached(Order order, Receipt receipt) implements Outcome {}

        /** Noted on the order as rejected, with its reason. */
        record Rejected(Order order, Receipt receipt) implements Outcome {}

        /** This object version was recorded before (a redelivery): nothing changed. */
        record AlreadyRecorded(Receipt receipt) implements Outcome {}

        /** The order holds {@link ReceiptPolicy#MAX_RECEIPTS} receipts already: this one is not recorded. */
        record TooMany(Upload upload) implements Outcome {}

        /** The key names an order that does not exist. */
        record UnknownOrder(Upload upload) implements Outcome {}

        /** Other writers kept changing the order: try again later. */
        record Contended(Upload upload) implements Outcome {}
    }

    /** The receipt already recorded for exactly this object version, if any: a redelivery needs no second look. */
    public Optional<Receipt> recorded(Upload upload) {
        return store.findOrder(upload.key().orderId())
                .flatMap(order -> order.receipt(upload.key().receiptId()))
                .filter(receipt -> receipt.objectKey().equals(upload.key().key())
                        && receipt.etag().equals(upload.etag()));
    }

    public Outcome record(Upload upload, Verdict verdict, Instant at) {
        Receipt receipt = receipt(upload, verdict, at);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<Order> found = store.findOrder(upload.key().orderId());
            if (found.isEmpty()) {
                return new Outcome.UnknownOrder(upload);
            }
            Order order = found.get();
            Optional<Receipt> before =
                    order.receipt(receipt.receiptId()).filter(r -> r.etag().equals(upload.etag()));
            if (before.isPresent()) {
                return new Outcome.AlreadyRecorded(before.get());
            }
            if (order.receipt(receipt.receiptId()).isEmpty() && order.receipts().size() >= ReceiptPolicy.MAX_RECEIPTS) {
                return new Outcome.TooMany(upload);
            }
            Order next;
            OrderStore.UpdateResult result;
            if (receipt.isAttached()) {
                Order.Change change = order.attach(receipt, upload.dedupeId().value(), at);
                next = change.order();
                result = store.update(change, Optional.of(upload.dedupeId()));
            } else {
                next = order.withReceipt(receipt);
                result = store.amend(next, upload.dedupeId());
            }
            switch (result) {
                case UPDATED -> {
                    return receipt.isAttached()
                            ? new Outcome.Attached(next, receipt)
                            : new Outcome.Rejected(next, receipt);
                }
                case DUPLICATE -> {
                    return new Outcome.AlreadyRecorded(receipt);
                }
                case VERSION_CONFLICT -> {
                    // someone else wrote the order between our read and our write: read again
                }
            }
        }
        return new Outcome.Contended(upload);
    }

    private static Receipt receipt(Upload upload, Verdict verdict, Instant at) {
        ReceiptKey key = upload.key();
        return switch (verdict) {
            case Verdict.Accepted accepted ->
                Receipt.attached(
                        key.receiptId(),
                        key.key(),
                        upload.etag(),
                        upload.size(),
                        accepted.dimensions(),
                        accepted.sha256(),
                        key.thumbnailKey(),
                        at);
            case Verdict.Rejected rejected ->
                Receipt.rejected(
                        key.receiptId(),
                        key.key(),
                        upload.etag(),
                        upload.size(),
                        rejected.dimensions(),
                        rejected.rejection().reason(),
                        at);
        };
    }
}
