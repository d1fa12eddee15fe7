package dev.orders.local.lambda;

import java.util.function.Supplier;

/**
 * The one place every port call of every version passes through (issue 15 injects dependency faults here: latency,
 * errors, throttling-shaped errors). {@code proceed} performs the call against the runtime's adapter; an interceptor
 * may delay it, skip it and throw instead, or pass through. What it throws reaches the version as a JDK exception.
 */
@FunctionalInterface
public interface PortInterceptor {

    PortInterceptor NONE = (call, request, proceed) -> proceed.get();

    byte[] around(PortCall call, byte[] request, Supplier<byte[]> proceed);
}
