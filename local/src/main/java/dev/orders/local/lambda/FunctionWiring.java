package dev.orders.local.lambda;

import dev.orders.bridge.wire.LinksWire;
import dev.orders.bridge.wire.MailerWire;
import dev.orders.bridge.wire.ObjectsWire;
import dev.orders.bridge.wire.QuarantineWire;
import dev.orders.bridge.wire.QueueWire;
import dev.orders.bridge.wire.StoreWire;
import dev.orders.domain.port.Mailer;
import dev.orders.domain.port.OrderStore;
import dev.orders.domain.port.Quarantine;
import dev.orders.functions.receipts.ReceiptObjects;
import dev.orders.functions.shared.QueueSender;
import dev.orders.functions.shared.UploadLinks;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which handler class a function runs, with which ports, as data: the arguments of the handler's port-taking
 * constructor, in order. A port ({@link #store}, {@link #queue}, …) becomes, inside the version, an adapter of the
 * version's own port interface whose every call crosses to the runtime's adapter given here; a JDK value
 * ({@link #clock}, {@link #value}) crosses as it is; {@link #instance} builds a settings object of the version's
 * code from JDK values. Built by the paths ({@code paths/}), one static method per function.
 */
public final class FunctionWiring {

    private final String function;
    private final String handlerClass;
    private final List<Map<String, Object>> bindings = new ArrayList<>();
    private final Map<String, Served> ports = new LinkedHashMap<>();

    /** One port's server: the runtime's adapter answering the wire protocol of the port's kind. */
    record Served(String kind, PortServer server) {}

    @FunctionalInterface
    interface PortServer {
        byte[] serve(String operation, byte[] request);
    }

    private FunctionWiring(String function, String handlerClass) {
        this.function = Objects.requireNonNull(function);
        this.handlerClass = Objects.requireNonNull(handlerClass);
    }

    /** {@code function} runs {@code handler}; the template's {@code Handler} must name the same class. */
    public static FunctionWiring of(String function, Class<?> handler) {
        return new FunctionWiring(function, handler.getName());
    }

    public String function() {
        return function;
    }

    public String handlerClass() {
        return handlerClass;
    }

    public FunctionWiring store(String port, OrderStore store) {
        return port(port, StoreWire.KIND, (operation, request) -> StoreWire.serve(store, operation, request));
    }

    public FunctionWiring queue(String port, QueueSender sender) {
        return port(port, QueueWire.KIND, (operation, request) -> QueueWire.serve(sender, operation, request));
    }

    public FunctionWiring quarantine(String port, Quarantine quarantine) {
        return port(
                port,
                QuarantineWire.KIND,
                (operation, request) -> QuarantineWire.serve(quarantine, operation, request));
    }

    public FunctionWiring mailer(String port, Mailer mailer) {
        return port(port, MailerWire.KIND, (operation, request) -> MailerWire.serve(mailer, operation, request));
    }

    public FunctionWiring links(String port, UploadLinks links) {
        return port(port, LinksWire.KIND, (operation, request) -> LinksWire.serve(links, operation, request));
    }

    public FunctionWiring objects(String port, ReceiptObjects objects) {
        return port(port, ObjectsWire.KIND, (operation, request) -> ObjectsWire.serve(objects, operation, request));
    }

    public FunctionWiring clock(Clock clock) {
        return value(clock);
    }

    /** A JDK value (a class the JDK's own loaders define, which every version's loader shares: nothing of the runtime's). */
    public FunctionWiring value(Object value) {
        requireJdk(value);
        Map<String, Object> binding = new HashMap<>();
        binding.put("kind", "value");
        binding.put("value", value);
        bindings.add(binding);
        return this;
    }

    /** An instance of {@code type} as the version's code defines it, built from JDK values. */
    public FunctionWiring instance(Class<?> type, Object... arguments) {
        List<Object> values = new ArrayList<>();
        for (Object argument : arguments) {
            requireJdk(argument);
            values.add(argument);
        }
        bindings.add(Map.of("kind", "new", "type", type.getName(), "arguments", values));
        return this;
    }

    private FunctionWiring port(String port, String kind, PortServer server) {
        if (ports.putIfAbsent(port, new Served(kind, server)) != null) {
            throw new IllegalArgumentException(function + " binds port " + port + " twice");
        }
        bindings.add(Map.of("kind", kind, "port", port));
        return this;
    }

    private static void requireJdk(Object value) {
        if (value != null && !isJdk(value.getClass()) && !isJdkSubclass(value.getClass())) {
            throw new IllegalArgumentException(
                    value.getClass().getName() + " is not a JDK type: it cannot cross into a version");
        }
    }

    /** Defined by the boot or platform loader: {@code java.time.Instant}, and {@code sun.nio.fs.UnixPath} behind a {@code Path}. */
    private static boolean isJdk(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }

    /** A test's clock subclasses {@link Clock}: it crosses as a {@code Clock}, which the version's loader shares. */
    private static boolean isJdkSubclass(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().startsWith("java.") && c != Object.class) {
                return true;
            }
        }
        return false;
    }

    /** The bindings as the bridge reads them (JDK maps and values only). */
    List<Map<String, Object>> bindings() {
        return List.copyOf(bindings);
    }

    Map<String, Served> ports() {
        return Map.copyOf(ports);
    }
}
