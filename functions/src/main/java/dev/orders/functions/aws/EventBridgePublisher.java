package dev.orders.functions.aws;

import dev.orders.domain.order.OrderEventType;
import dev.orders.functions.outbox.EventPublisher;
import dev.orders.functions.outbox.OutboundEvent;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/** The bus on EventBridge: PutEvents in chunks of ten (the API's limit), in order. */
public final class EventBridgePublisher implements EventPublisher {

    public static final String BUS_NAME_VARIABLE = "EVENT_BUS_NAME";
    static final int MAX_ENTRIES = 10;

    private final EventBridgeClient events;
    private final String busName;

    public EventBridgePublisher(EventBridgeClient events, String busName) {
        this.events = events;
        this.busName = busName;
    }

    public static EventBridgePublisher fromEnvironment(AwsEnvironment environment) {
        return new EventBridgePublisher(
                environment.build(EventBridgeClient.builder(), "EVENTBRIDGE"), environment.required(BUS_NAME_VARIABLE));
    }

    @Override
    public int publish(List<OutboundEvent> outbound) {
        int published = 0;
        for (int from = 0; from < outbound.size(); from += MAX_ENTRIES) {
            List<OutboundEvent> chunk = outbound.subList(from, Math.min(from + MAX_ENTRIES, outbound.size()));
            PutEventsResponse response;
            try {
                response = events.putEvents(
                        r -> r.entries(chunk.stream().map(this::entry).toList()));
            } catch (SdkException e) {
                if (published == 0) {
                    throw e;
                }
                return published; // what went before is on the bus; the caller offers the rest again
            }
            int accepted = acceptedPrefix(response.entries(), chunk.size());
            published += accepted;
            if (accepted < chunk.size()) {
                return published;
            }
        }
        return published;
    }

    /** Result entries are in request order; a failed one carries an error code. */
    private static int acceptedPrefix(List<PutEventsResultEntry> results, int sent) {
        for (int i = 0; i < sent; i++) {
            if (i >= results.size()
                    || results.get(i).errorCode() != null
                    || results.get(i).eventId() == null) {
                return i;
            }
        }
        return sent;
    }

    private PutEventsRequestEntry entry(OutboundEvent event) {
        return PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(OrderEventType.SOURCE)
                .detailType(event.detailType())
                .detail(event.detail())
                .time(event.time())
                .build();
    }

    /** A read-only call that loads and initialises the client's whole request path, for SnapStart's snapshot. */
    void prime() {
        events.describeEventBus(r -> r.name(busName));
    }
}
