package dev.orders.bridge;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The local runtime's entry into one published version's code, loaded by that version's own class loader (whose
 * parent is the JDK's platform loader). Everything that crosses is a JDK type: the handler's configuration and
 * port bindings in a {@code Map}, the event in and the response out as JSON bytes in Lambda's own shapes, each
 * port call as {@code (port/operation, JSON) -> JSON} over the runtime's {@code BiFunction<String, byte[], byte[]>},
 * a failure as the {@code Throwable} the handler threw. The runtime calls these static methods reflectively.
 */
public final class Bridge {

    static {
        // As Lambda's runtime does: org.crac delegates to the runtime's CRaC implementation (here, this version's own).
        System.setProperty("org.crac.Core.Compat", "dev.orders.bridge.crac");
        // Lambda's runtime tells the EMF library it runs in Lambda (stdout); here the same: never probe for an agent.
        var emf = software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider.getConfig();
        emf.setEnvironmentOverride(software.amazon.cloudwatchlogs.emf.environment.Environments.Local);
        emf.setServiceName("orders");
        emf.setServiceType("local");
    }

    private Bridge() {}

    /**
     * An execution environment's init: constructs the configured handler class with its ports, inside this version.
     *
     * @param init  {@code handler} ("Class::method"), {@code ports} (a list of port bindings, see {@link Ports}),
     *              {@code functionName}, {@code version}, {@code memoryMb}
     * @param ports the runtime's channel every port call goes through
     * @return the invoke function: (context map, event JSON) → response JSON
     */
    @SuppressWarnings("unchecked")
    public static BiFunction<Map<String, Object>, byte[], byte[]> environment(
            Map<String, Object> init, BiFunction<String, byte[], byte[]> ports) throws Exception {
        String handler = (String) init.get("handler");
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        ClassLoader loader = Bridge.class.getClassLoader();
        Class<?> type = Class.forName(className, true, loader);
        Object instance =
                Ports.construct(type, Ports.bind((List<Map<String, Object>>) init.get("ports"), ports, loader));
        Map<String, Object> environment = Map.copyOf(init);
        if (instance instanceof RequestStreamHandler streaming) {
            return (context, event) -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try {
                    streaming.handleRequest(
                            new ByteArrayInputStream(event), out, new BridgeContext(environment, context));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return out.toByteArray();
            };
        }
        if (!(instance instanceof RequestHandler<?, ?> typed)) {
            throw new IllegalArgumentException(
                    className + " implements neither RequestHandler nor RequestStreamHandler");
        }
        Events events = Events.of((RequestHandler<Object, Object>) typed, loader);
        return (context, event) ->
                events.handle((RequestHandler<Object, Object>) typed, event, new BridgeContext(environment, context));
    }

    /** SnapStart's checkpoint: the version's registered CRaC resources prime themselves (org.crac's global context, delegated to {@code dev.orders.bridge.crac}). */
    public static void beforeCheckpoint() throws Exception {
        dev.orders.bridge.crac.Core.getGlobalContext().beforeCheckpoint(null);
    }

    /** SnapStart's restore: the registered resources' {@code afterRestore} hooks. */
    public static void afterRestore() throws Exception {
        dev.orders.bridge.crac.Core.getGlobalContext().afterRestore(null);
    }

    /** The version is gone: stop what its libraries keep running, so its class loader can be collected. */
    public static void shutdown() {
        try {
            org.apache.logging.log4j.LogManager.shutdown();
        } catch (RuntimeException | LinkageError ignored) {
            // a version without Log4j has nothing to stop
        }
    }
}
