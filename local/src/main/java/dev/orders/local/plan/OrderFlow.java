package dev.orders.local.plan;

import dev.orders.domain.order.OrderEventType;
import dev.orders.functions.shared.Json;
import dev.orders.local.template.SamTemplate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.event.ruler.Machine;

/**
 * What one order that goes right brings to each path, so a plan of every path can be asked in orders per second:
 * one {@code POST /orders}, one payment callback, three fulfillment records (PICKED, SHIPPED, DELIVERED), one receipt
 * image, and as many notifications as the order's events (ACCEPTED, PAID, PICKED, SHIPPED, DELIVERED) match the
 * template's rules, matched as EventBridge matches them (event-ruler).
 */
public final class OrderFlow {

    /** The events of an order that goes right, in order. */
    static final List<OrderEventType> EVENTS = List.of(
            OrderEventType.ORDER_ACCEPTED,
            OrderEventType.ORDER_PAID,
            OrderEventType.ORDER_PICKED,
            OrderEventType.ORDER_SHIPPED,
            OrderEventType.ORDER_DELIVERED);

    static final List<String> FULFILLMENT_RECORDS = List.of("PICKED", "SHIPPED", "DELIVERED");

    private OrderFlow() {}

    /** One path's arrivals per order, and why. */
    public record PerOrder(PathName path, int arrivals, String why) {}

    /** Every path the template has, with its arrivals per order. */
    public static List<PerOrder> perOrder(SamTemplate template) {
        Topology topology = Topology.of(template);
        List<PerOrder> flow = new ArrayList<>();
        for (PathName path : PathName.values()) {
            if (!topology.has(path)) {
                continue;
            }
            flow.add(
                    switch (path) {
                        case API -> new PerOrder(path, 1, "one POST /orders");
                        case PAYMENTS -> new PerOrder(path, 1, "one payment callback");
                        case FULFILLMENT ->
                            new PerOrder(path, FULFILLMENT_RECORDS.size(), String.join(", ", FULFILLMENT_RECORDS));
                        case NOTIFICATIONS -> notifications(topology);
                        case RECEIPTS -> new PerOrder(path, 1, "one receipt image");
                    });
        }
        return List.copyOf(flow);
    }

    /** Each path's rate at {@code ordersPerSecond}; a path no order reaches (no rule matches its events) is left out. */
    public static Map<PathName, Double> rates(SamTemplate template, double ordersPerSecond) {
        Map<PathName, Double> rates = new EnumMap<>(PathName.class);
        perOrder(template).stream()
                .filter(p -> p.arrivals() > 0)
                .forEach(p -> rates.put(p.path(), p.arrivals() * ordersPerSecond));
        return rates;
    }

    /** One message per (rule, event) the rules match: two rules matching one event deliver it twice. */
    private static PerOrder notifications(Topology topology) {
        List<String> matched = new ArrayList<>();
        for (String pattern : topology.notificationPatterns()) {
            Machine machine = new Machine();
            try {
                machine.addRule("rule", pattern);
                for (OrderEventType type : EVENTS) {
                    if (!machine.rulesForJSONEvent(event(type)).isEmpty()) {
                        matched.add(type.detailType());
                    }
                }
            } catch (Exception unreadable) {
                throw new IllegalArgumentException(
                        "a rule's EventPattern cannot be read: " + pattern + " (" + unreadable.getMessage() + ")",
                        unreadable);
            }
        }
        return new PerOrder(
                PathName.NOTIFICATIONS,
                matched.size(),
                matched.isEmpty() ? "no event of the order matches a rule" : String.join(", ", matched));
    }

    private static String event(OrderEventType type) {
        var json = Json.internal().createObjectNode();
        json.put("version", "0")
                .put("id", "planned")
                .put("detail-type", type.detailType())
                .put("source", OrderEventType.SOURCE)
                .put("account", "000000000000")
                .put("time", "2026-01-01T00:00:00Z")
                .put("region", "us-east-1");
        json.putArray("resources");
        json.putObject("detail")
                .put("orderId", "o-1")
                .put("customerId", "c-1")
                .put("status", type.detailType().replaceFirst("^Order", "").toUpperCase(java.util.Locale.ROOT));
        return json.toString();
    }
}
