package dev.orders.local.paths;

import dev.orders.local.gateway.HttpGateway;
import dev.orders.local.lambda.LocalFunction;
import java.util.List;

/**
 * One trigger path of the platform (P1…P6) wired as the template deploys it: its functions, each built
 * in one place from a handler class and its ports, the event sources that invoke them, and what it serves at
 * the endpoint. Constructing a path wires it; {@link #start} sets its pollers going.
 */
public interface TriggerPath extends AutoCloseable {

    /** Routes and AWS services this path adds to the endpoint (none by default). */
    default void serve(HttpGateway gateway) {}

    /** The path's functions, each as its triggers invoke it. */
    List<LocalFunction<?, ?>> functions();

    /** Starts the path's pollers and timers (none by default). */
    default void start() {}

    @Override
    default void close() {}
}
