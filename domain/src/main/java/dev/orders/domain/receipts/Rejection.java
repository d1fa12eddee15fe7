package dev.orders.domain.receipts;

import java.util.Objects;

/**
 * Why an upload can never be a receipt: a stable code (counted, and the quarantined object's metadata) and a detail
 * for a person. {@link #reason()} is both, {@code code: detail}, as the order and the quarantine show it.
 */
public record Rejection(Code code, String detail) {

    public enum Code {
        /** The object has no bytes. */
        EMPTY("empty"),
        /** Larger than the upload policy allows (it cannot pass the POST policy; a direct write could). */
        TOO_LARGE("too-large"),
        /** Neither a JPEG nor a PNG by its first bytes. */
        NOT_AN_IMAGE("not-an-image"),
        /** The declared content type names another format than the bytes are (or none the platform takes). */
        CONTENT_TYPE_MISMATCH("content-type-mismatch"),
        /** More pixels than a receipt needs: a decompression bomb is refused before anything is decoded. */
        TOO_MANY_PIXELS("too-many-pixels"),
        /** The image cannot be decoded: truncated or corrupt. */
        UNREADABLE("unreadable"),
        /** The key is not {@code receipts/{orderId}/{receiptId}}, or names no order. */
        UNKNOWN_ORDER("unknown-order");

        private final String value;

        Code(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    public Rejection {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
    }

    public String reason() {
        return code.value() + ": " + detail;
    }
}
