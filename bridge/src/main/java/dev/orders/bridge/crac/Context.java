package dev.orders.bridge.crac;

/** A group of resources notified together (the shape {@code org.crac}'s compatibility layer expects). */
public abstract class Context<R extends Resource> implements Resource {

    protected Context() {}

    public abstract void register(R resource);
}
