package dev.orders.domain.receipts;

import dev.orders.domain.order.Dimensions;
import java.util.Optional;

/**
 * What an upload must be to become a receipt, in the order the function learns it: the object's size (before a
 * byte is read), its first bytes and declared content type (before it is parsed), the dimensions its header declares
 * (before it is decoded). Each check answers a {@link Rejection} or nothing.
 */
public final class ReceiptPolicy {

    /** The upload policy's {@code content-length-range}: 1 byte to 10 MiB. */
    public static final long MIN_BYTES = 1;

    public static final long MAX_BYTES = 10L * 1024 * 1024;
    /** A receipt photographed by any phone fits; a decompression bomb does not. */
    public static final long MAX_PIXELS = 40_000_000L;
    /** An order's receipts, attached and rejected: enough for any purchase, and an order's item stays small. */
    public static final int MAX_RECEIPTS = 20;
    /** The thumbnail's longer side. */
    public static final int THUMBNAIL_SIZE = 256;

    private ReceiptPolicy() {}

    public static Optional<Rejection> size(long bytes) {
        if (bytes < MIN_BYTES) {
            return Optional.of(new Rejection(Rejection.Code.EMPTY, "the object has no bytes"));
        }
        if (bytes > MAX_BYTES) {
            return Optional.of(new Rejection(Rejection.Code.TOO_LARGE, bytes + " bytes, more than " + MAX_BYTES));
        }
        return Optional.empty();
    }

    /** The format the first bytes show, when the declared content type names the same one; else why not. */
    public static Identified identify(byte[] head, String declaredContentType) {
        Optional<ImageFormat> actual = ImageFormat.sniff(head);
        if (actual.isEmpty()) {
            return new Identified.Rejected(
                    new Rejection(Rejection.Code.NOT_AN_IMAGE, "the content is neither JPEG nor PNG"));
        }
        Optional<ImageFormat> declared = ImageFormat.declared(declaredContentType);
        if (declared.isEmpty() || declared.get() != actual.get()) {
            return new Identified.Rejected(new Rejection(
                    Rejection.Code.CONTENT_TYPE_MISMATCH,
                    "declared " + (declaredContentType == null ? "no content type" : "'" + declaredContentType + "'")
                            + ", the content is " + actual.get()));
        }
        return new Identified.As(actual.get());
    }

    public sealed interface Identified {
        record As(ImageFormat format) implements Identified {}

        record Rejected(Rejection rejection) implements Identified {}
    }

    public static Optional<Rejection> dimensions(Dimensions declared) {
        if (declared.width() == 0 || declared.height() == 0) {
            return Optional.of(new Rejection(Rejection.Code.UNREADABLE, "the header declares " + declared));
        }
        if (declared.pixels() > MAX_PIXELS) {
            return Optional.of(new Rejection(
                    Rejection.Code.TOO_MANY_PIXELS,
                    declared + " is " + declared.pixels() + " pixels, more than " + MAX_PIXELS));
        }
        return Optional.empty();
    }

    /** The thumbnail's size: the longer side {@link #THUMBNAIL_SIZE}, the aspect kept, never enlarged, at least 1 × 1. */
    public static Dimensions thumbnail(Dimensions image) {
        int longer = Math.max(image.width(), image.height());
        if (longer <= THUMBNAIL_SIZE) {
            return image;
        }
        double scale = (double) THUMBNAIL_SIZE / longer;
        return new Dimensions(Math.max(1, (int) Math.round(image.width() * scale)), Math.max(1, (int)
                Math.round(image.height() * scale)));
    }
}
