package dev.orders.local.bus;

/** Where a rule sends matching events (a queue, a function). Throwing means the delivery failed and will be retried. */
public interface Target {

    String name();

    void deliver(BusEvent event) throws Exception;
}
