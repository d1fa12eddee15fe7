package dev.orders.functions;

import dev.orders.functions.api.OrderApiHandler;
import dev.orders.functions.fulfillment.FulfillmentEventsHandler;
import dev.orders.functions.notifications.NotificationsHandler;
import dev.orders.functions.payments.PaymentEventsHandler;
import dev.orders.functions.payments.PaymentWebhookHandler;
import dev.orders.functions.receipts.ReceiptsHandler;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How many calls a handler makes to each dependency for one unit of its work (a request, a message, a record), in the
 * case a capacity plan is about: the order flow going right (a new order placed, a payment applied, a record applied,
 * a notification sent). The capacity planner multiplies these counts by a slowed dependency's added latency to find a
 * function's new duration. {@code DependencyCallsTest} runs each handler with a recording fake of every port and
 * compares, so a handler that starts making another call fails the build until this table says so.
 */
public final class DependencyCalls {

    /**
     * A dependency, named as {@code ./orders plan --slow} and fault injection name it, with the ports that reach it:
     * {@code OrderStore} (DynamoDB), {@code EventPublisher} (EventBridge), {@code QueueSender} and {@code Quarantine}
     * (SQS), {@code Mailer} (SES), {@code ReceiptObjects} (S3). No handler writes to a Kinesis stream today: a stream is
     * only the trigger of its path.
     */
    public enum Dependency {
        STORE,
        BUS,
        QUEUE,
        STREAM,
        MAILER,
        OBJECTS;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Dependency> named(String label) {
            for (Dependency dependency : values()) {
                if (dependency.label().equals(label.toLowerCase(Locale.ROOT))) {
                    return Optional.of(dependency);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * One handler's calls per {@code unit} of work in the named {@code scenario}; {@code calls} lists only the
     * dependencies it calls. A batch handler handles its items one after the other, so a batch of n costs n times this.
     */
    public record Profile(String handler, String unit, String scenario, Map<Dependency, Integer> calls) {
        public Profile {
            calls = Map.copyOf(calls);
        }

        public int calls(Dependency dependency) {
            return calls.getOrDefault(dependency, 0);
        }

        /** Every dependency, zero where none is called, in the enum's order. */
        public Map<Dependency, Integer> all() {
            Map<Dependency, Integer> all = new EnumMap<>(Dependency.class);
            for (Dependency dependency : Dependency.values()) {
                all.put(dependency, calls(dependency));
            }
            return all;
        }
    }

    private static final List<Profile> PROFILES = List.of(
            new Profile(
                    OrderApiHandler.class.getName(),
                    "request",
                    "POST /orders placing a new order (read the idempotency key, write key + order + event)",
                    Map.of(Dependency.STORE, 2)),
            new Profile(
                    PaymentWebhookHandler.class.getName(),
                    "callback",
                    "a signed provider callback stored in the queue",
                    Map.of(Dependency.QUEUE, 1)),
            new Profile(
                    PaymentEventsHandler.class.getName(),
                    "message",
                    "payment.succeeded applied to an accepted order (read the order, write order + event + dedupe mark)",
                    Map.of(Dependency.STORE, 2)),
            new Profile(
                    FulfillmentEventsHandler.class.getName(),
                    "record",
                    "a fulfillment record applied to a paid order (read the order, write order + event + dedupe mark)",
                    Map.of(Dependency.STORE, 2)),
            new Profile(
                    NotificationsHandler.class.getName(),
                    "message",
                    "an order event mailed to the order's address (read the order, send one message)",
                    Map.of(Dependency.STORE, 1, Dependency.MAILER, 1)),
            new Profile(
                    ReceiptsHandler.class.getName(),
                    "upload",
                    "an image accepted as a receipt (read the order twice, stream the upload, write the thumbnail, amend the order)",
                    Map.of(Dependency.STORE, 3, Dependency.OBJECTS, 2)));

    private DependencyCalls() {}

    public static List<Profile> all() {
        return PROFILES;
    }

    /** The profile of a handler class, as a template's {@code Handler} names it (with or without {@code ::method}). */
    public static Optional<Profile> forHandler(String handler) {
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        return PROFILES.stream()
                .filter(profile -> profile.handler().equals(className))
                .findFirst();
    }
}
