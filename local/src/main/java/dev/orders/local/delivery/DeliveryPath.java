package dev.orders.local.delivery;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where a delivery fault delivers twice, each as AWS's own at-least-once delivery (or a client's retry) would:
 * the API receives a request a second time (a client that retried after losing the first answer; on the payment
 * callback route, the provider's webhook resend), a record is put on the stream twice (a producer's retry after a
 * timeout: two records, two sequence numbers), an SQS message handled successfully comes back after its visibility
 * timeout (the delete did not happen), and the bus delivers an event to its target twice.
 */
public enum DeliveryPath {
    API(
            "api",
            "the request is sent to the route's function a second time, as a client retrying after a lost answer",
            true),
    KINESIS("kinesis", "each record put is stored twice, as a producer retrying a put whose answer it lost", false),
    SQS("sqs", "a message handled successfully is not deleted: it comes back after its visibility timeout", true),
    BUS("bus", "an event is delivered to its rule's target twice", false);

    private final String label;
    private final String how;
    private final boolean byFunction;

    DeliveryPath(String label, String how, boolean byFunction) {
        this.label = label;
        this.how = how;
        this.byFunction = byFunction;
    }

    public String label() {
        return label;
    }

    public String how() {
        return how;
    }

    /** Whether a function receives the delivery where it is duplicated (so scope.function can name it). */
    public boolean byFunction() {
        return byFunction;
    }

    public static DeliveryPath parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (DeliveryPath p : values()) {
            if (p.label.equals(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown delivery path '" + text + "': one of " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(DeliveryPath::label).collect(Collectors.joining(", "));
    }
}
