package dev.orders.bridge.wire;

import java.util.function.BiFunction;

/**
 * One port's end of the JDK-typed channel between a version's code and the local runtime: an operation name and a
 * JSON request out, a JSON response back. Every port call of every version goes through the runtime's one
 * {@code BiFunction<String, byte[], byte[]>}, keyed {@code port/operation}.
 */
@FunctionalInterface
public interface Channel {

    byte[] call(String operation, byte[] request);

    /** The port {@code port} of the runtime's channel. */
    static Channel of(BiFunction<String, byte[], byte[]> runtime, String port) {
        return (operation, request) -> runtime.apply(port + "/" + operation, request);
    }
}
