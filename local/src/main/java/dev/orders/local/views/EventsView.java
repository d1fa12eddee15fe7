package dev.orders.local.views;

import dev.orders.local.bus.BusEvent;
import dev.orders.local.bus.LocalBus;
import java.util.Map;
import java.util.Optional;

/** {@code GET /_local/events[?detail-type=T]}: the bus archive, oldest first, each event in EventBridge's envelope. */
public record EventsView(LocalBus bus) implements View {

    @Override
    public Answer render(Map<String, String> query) {
        return Answer.ok(bus.archive(Optional.ofNullable(query.get("detail-type"))).stream()
                .map(BusEvent::envelope)
                .toList());
    }
}
