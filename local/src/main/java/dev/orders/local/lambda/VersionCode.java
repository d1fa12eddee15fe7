package dev.orders.local.lambda;

import java.util.Map;
import java.util.function.BiFunction;

/**
 * One version's code as the runtime drives it, JDK types only: an environment's init builds the handler (with its
 * ports over the channel), an invocation passes the event's JSON and gets the response's JSON, and SnapStart's
 * hooks run the version's CRaC resources. {@link IsolatedCode} is a published version in its own class loader;
 * {@link InProcessCode} is a test's handler object, serialized through the same JSON.
 */
interface VersionCode extends AutoCloseable {

    /** An initialized environment's handler: (context map, event JSON) → response JSON; throws what the handler threw. */
    @FunctionalInterface
    interface Handler {
        byte[] invoke(Map<String, Object> context, byte[] event) throws Throwable;
    }

    Handler init(Map<String, Object> environment, BiFunction<String, byte[], byte[]> ports) throws Throwable;

    void beforeCheckpoint() throws Throwable;

    void afterRestore() throws Throwable;

    /** The loader an environment's threads run with as their context class loader. */
    ClassLoader loader();

    @Override
    void close();
}
