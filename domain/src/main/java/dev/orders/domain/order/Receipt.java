package dev.orders.domain.order;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One upload as its order records it. An attached receipt has its size, dimensions, SHA-256 and thumbnail; a
 * rejected one has the reason (and whatever was learnt before the rejection: its size always, its dimensions when
 * the header was read). {@code objectKey} and {@code etag} name the exact object version it was made from.
 */
public record Receipt(
        String receiptId,
        String objectKey,
        String etag,
        ReceiptStatus status,
        long size,
        Optional<Dimensions> dimensions,
        Optional<String> sha256,
        Optional<String> thumbnailKey,
        Optional<String> rejection,
        Instant at) {

    public Receipt {
        Objects.requireNonNull(receiptId, "receiptId");
        Objects.requireNonNull(objectKey, "objectKey");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(dimensions, "dimensions");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(thumbnailKey, "thumbnailKey");
        Objects.requireNonNull(rejection, "rejection");
        Objects.requireNonNull(at, "at");
        if (size < 0) {
            throw new IllegalArgumentException("size cannot be negative");
        }
        if (status == ReceiptStatus.ATTACHED
                && (dimensions.isEmpty() || sha256.isEmpty() || thumbnailKey.isEmpty() || rejection.isPresent())) {
            throw new IllegalArgumentException(
                    "an attached receipt has dimensions, a SHA-256 and a thumbnail, and no rejection");
        }
        if (status == ReceiptStatus.REJECTED && (rejection.isEmpty() || thumbnailKey.isPresent())) {
            throw new IllegalArgumentException("a rejected receipt has a reason and no thumbnail");
        }
    }

    public static Receipt attached(
            String receiptId,
            String objectKey,
            String etag,
            long size,
            Dimensions dimensions,
            String sha256,
            String thumbnailKey,
            Instant at) {
        return new Receipt(
                receiptId,
                objectKey,
                etag,
                ReceiptStatus.ATTACHED,
                size,
                Optional.of(dimensions),
                Optional.of(sha256),
                Optional.of(thumbnailKey),
                Optional.empty(),
                at);
    }

    public static Receipt rejected(
            String receiptId,
            String objectKey,
            String etag,
            long size,
            Optional<Dimensions> dimensions,
            String reason,
            Instant at) {
        return new Receipt(
                receiptId,
                objectKey,
                etag,
                ReceiptStatus.REJECTED,
                size,
                dimensions,
                Optional.empty(),
                Optional.empty(),
                Optional.of(reason),
                at);
    }

    public boolean isAttached() {
        return status == ReceiptStatus.ATTACHED;
    }
}
