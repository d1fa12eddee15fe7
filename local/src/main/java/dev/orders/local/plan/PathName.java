package dev.orders.local.plan;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/**
 * The trigger paths a plan can be asked about, each named by its entry: what arrives there, counted per second.
 * {@link Topology} finds each path's functions in the template from that entry.
 */
public enum PathName {
    /** {@code POST /orders} on the HTTP API (P1). */
    API("requests"),
    /** {@code POST /payments/callbacks/{provider}}, then the queue its function stores callbacks in (P2). */
    PAYMENTS("callbacks"),
    /** The Kinesis streams' consumers (P3). */
    FULFILLMENT("records"),
    /** The order bus's rules and the queues they feed (P6). */
    NOTIFICATIONS("events"),
    /** The receipts bucket's object-created notifications (P4). */
    RECEIPTS("uploads");

    private final String arrivals;

    PathName(String arrivals) {
        this.arrivals = arrivals;
    }

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What arrives at the path's entry: {@code requests}, {@code callbacks}, ... (per second). */
    public String arrivals() {
        return arrivals;
    }

    public static Optional<PathName> named(String label) {
        for (PathName path : values()) {
            if (path.label().equalsIgnoreCase(label.strip())) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }
}
