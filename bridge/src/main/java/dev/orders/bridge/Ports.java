package dev.orders.bridge;

import dev.orders.bridge.wire.Channel;
import dev.orders.bridge.wire.LinksWire;
import dev.orders.bridge.wire.MailerWire;
import dev.orders.bridge.wire.ObjectsWire;
import dev.orders.bridge.wire.QuarantineWire;
import dev.orders.bridge.wire.QueueWire;
import dev.orders.bridge.wire.StoreWire;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A handler's constructor arguments, built inside the version from the runtime's bindings (JDK maps):
 * <ul>
 *   <li>{@code {kind: orderStore|queue|quarantine|mailer|uploadLinks|receiptObjects, port: NAME}}: an adapter of the version's own port
 *       interface whose calls go over the channel as {@code NAME/operation};</li>
 *   <li>{@code {kind: value, value: V}}: a JDK value as it is (a {@code Clock}, a {@code Duration});</li>
 *   <li>{@code {kind: new, type: CLASS, arguments: [JDK values]}}: an instance of a class of the version's code
 *       (a record of settings such as the payment secrets), built with the constructor those arguments fit.</li>
 * </ul>
 */
final class Ports {

    private Ports() {}

    static List<Object> bind(
            List<Map<String, Object>> bindings, BiFunction<String, byte[], byte[]> channel, ClassLoader loader)
            throws Exception {
        List<Object> arguments = new ArrayList<>();
        for (Map<String, Object> binding : bindings) {
            String kind = (String) binding.get("kind");
            arguments.add(
                    switch (kind) {
                        case StoreWire.KIND -> StoreWire.client(Channel.of(channel, (String) binding.get("port")));
                        case QueueWire.KIND -> QueueWire.client(Channel.of(channel, (String) binding.get("port")));
                        case QuarantineWire.KIND ->
                            QuarantineWire.client(Channel.of(channel, (String) binding.get("port")));
                        case MailerWire.KIND -> MailerWire.client(Channel.of(channel, (String) binding.get("port")));
                        case LinksWire.KIND -> LinksWire.client(Channel.of(channel, (String) binding.get("port")));
                        case ObjectsWire.KIND -> ObjectsWire.client(Channel.of(channel, (String) binding.get("port")));
                        case "value" -> binding.get("value");
                        case "new" ->
                            construct(
                                    Class.forName((String) binding.get("type"), true, loader),
                                    list(binding.get("arguments")));
                        default -> throw new IllegalArgumentException("unknown port kind " + kind);
                    });
        }
        return arguments;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    /**
     * The public constructor whose parameters take these arguments, in order (the handlers' port-taking one). What the
     * constructor throws is thrown as it is: it is the init error Lambda reports.
     */
    static Object construct(Class<?> type, List<Object> arguments) throws Exception {
        for (Constructor<?> constructor : type.getConstructors()) {
            if (Modifier.isPublic(constructor.getModifiers()) && fits(constructor.getParameterTypes(), arguments)) {
                try {
                    return constructor.newInstance(arguments.toArray());
                } catch (InvocationTargetException thrown) {
                    if (thrown.getCause() instanceof Exception e) {
                        throw e;
                    }
                    if (thrown.getCause() instanceof Error e) {
                        throw e;
                    }
                    throw thrown;
                }
            }
        }
        throw new NoSuchMethodException(type.getName() + " has no public constructor taking "
                + arguments.stream()
                        .map(a -> a == null ? "null" : a.getClass().getName())
                        .toList() + "; it has "
                + Arrays.stream(type.getConstructors())
                        .map(Constructor::toGenericString)
                        .toList());
    }

    private static boolean fits(Class<?>[] parameters, List<Object> arguments) {
        if (parameters.length != arguments.size()) {
            return false;
        }
        for (int i = 0; i < parameters.length; i++) {
            Object argument = arguments.get(i);
            if (argument != null && !box(parameters[i]).isInstance(argument)) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "boolean" -> Boolean.class;
            case "double" -> Double.class;
            default -> type;
        };
    }
}
