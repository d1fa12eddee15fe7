package dev.orders.functions.outbox;

import java.util.List;

/** The bus, as the outbox publisher sees it. */
public interface EventPublisher {

    /**
     * Publishes the events in their order and stops at the first that the bus refuses. Returns how many
     * events, counted from the first, are known to be published; the rest must be offered again.
     */
    int publish(List<OutboundEvent> events);
}
