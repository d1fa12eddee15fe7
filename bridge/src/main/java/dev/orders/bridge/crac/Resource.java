package dev.orders.bridge.crac;

/** A resource notified of a checkpoint and a restore (the shape {@code org.crac}'s compatibility layer expects). */
public interface Resource {

    void beforeCheckpoint(Context<? extends Resource> context) throws Exception;

    void afterRestore(Context<? extends Resource> context) throws Exception;
}
