package dev.orders.domain.receipts;

import dev.orders.domain.order.OrderId;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a receipt is uploaded: {@code receipts/{orderId}/{receiptId}}, the exact key the upload policy names. The
 * object's key is the only link between an upload and its order, so it is parsed strictly.
 */
public record ReceiptKey(OrderId orderId, String receiptId) {

    public static final String PREFIX = "receipts/";
    public static final String THUMBNAILS = "thumbnails/";
    public static final String QUARANTINE = "quarantine/";
    private static final Pattern RECEIPT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern KEY = Pattern.compile("receipts/([^/]+)/([^/]+)");

    public ReceiptKey {
        Objects.requireNonNull(orderId, "orderId");
        if (!isValidReceiptId(receiptId)) {
            throw new IllegalArgumentException("not a receipt id: " + receiptId);
        }
    }

    public static boolean isValidReceiptId(String receiptId) {
        return receiptId != null && RECEIPT_ID.matcher(receiptId).matches();
    }

    public static Optional<ReceiptKey> parse(String key) {
        if (key == null) {
            return Optional.empty();
        }
        Matcher m = KEY.matcher(key);
        if (!m.matches() || !OrderId.isValid(m.group(1)) || !isValidReceiptId(m.group(2))) {
            return Optional.empty();
        }
        return Optional.of(new ReceiptKey(new OrderId(m.group(1)), m.group(2)));
    }

    /** The upload's key. */
    public String key() {
        return PREFIX + orderId.value() + "/" + receiptId;
    }

    /** Where its thumbnail is written. */
    public String thumbnailKey() {
        return THUMBNAILS + orderId.value() + "/" + receiptId + ".jpg";
    }

    /** Where a rejected upload is moved: the same path under {@code quarantine/}, for any key, parsable or not. */
    public static String quarantineKey(String key) {
        return QUARANTINE + key;
    }
}
