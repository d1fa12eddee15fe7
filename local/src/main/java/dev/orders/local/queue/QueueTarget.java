package dev.orders.local.queue;

import dev.orders.local.bus.BusEvent;
import dev.orders.local.bus.Target;
import java.util.Map;

/** An EventBridge rule target that is an SQS queue: the queue receives the event's envelope as the body. */
public record QueueTarget(LocalQueues queues, String queue) implements Target {

    @Override
    public String name() {
        return queue;
    }

    @Override
    public void deliver(BusEvent event) {
        queues.send(queue, event.envelope().toString(), Map.of());
    }
}
