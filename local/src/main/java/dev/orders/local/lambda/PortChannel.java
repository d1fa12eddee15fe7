package dev.orders.local.lambda;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The runtime's end of one environment's port channel: {@code (port/operation, JSON request) -> JSON response},
 * a JDK-typed function the version's bridge holds. Every call passes the platform's {@link PortInterceptor}, then
 * the runtime's adapter for that port; its output is the runtime's, not the invocation's. A failure crosses back as
 * a JDK exception (the runtime's own exception classes are not the version's to see).
 */
final class PortChannel implements BiFunction<String, byte[], byte[]> {

    private final String function;
    private final String version;
    private final Map<String, FunctionWiring.Served> ports;
    private final Supplier<PortInterceptor> interceptor;

    PortChannel(
            String function,
            String version,
            Map<String, FunctionWiring.Served> ports,
            Supplier<PortInterceptor> interceptor) {
        this.function = function;
        this.version = version;
        this.ports = ports;
        this.interceptor = interceptor;
    }

    @Override
    public byte[] apply(String target, byte[] request) {
        int slash = target.indexOf('/');
        String port = slash < 0 ? target : target.substring(0, slash);
        String operation = slash < 0 ? "" : target.substring(slash + 1);
        FunctionWiring.Served served = ports.get(port);
        if (served == null) {
            throw new IllegalArgumentException(function + " has no port " + port);
        }
        PortCall call = new PortCall(function, version, port, served.kind(), operation);
        return InvocationOutput.outside(() -> {
            try {
                return interceptor
                        .get()
                        .around(call, request, () -> served.server().serve(operation, request));
            } catch (RuntimeException failure) {
                throw jdk(failure);
            }
        });
    }

    private static RuntimeException jdk(RuntimeException failure) {
        if (failure.getClass().getName().startsWith("java.")) {
            return failure;
        }
        return new IllegalStateException(failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }
}
