package dev.orders.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A published version in its own class loader over its copy of the code (and the runtime's bridge beside it),
 * whose parent is the platform class loader: the version sees the JDK and its own jars, nothing of the runtime.
 * The runtime reaches it only through {@code dev.orders.bridge.Bridge}'s static methods, by reflection, with JDK
 * types. Static state lives per loader: environments of one version share it (docs/decisions/0027).
 */
final class IsolatedCode implements VersionCode {

    static final String BRIDGE = "dev.orders.bridge.Bridge";

    private final URLClassLoader loader;
    private final Method environment;
    private final Method beforeCheckpoint;
    private final Method afterRestore;
    private final Method shutdown;

    IsolatedCode(String name, List<Path> classpath) {
        List<URL> urls = new ArrayList<>();
        for (Path entry : classpath) {
            try {
                urls.add(entry.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(entry + " is no class path entry", e);
            }
        }
        this.loader = new URLClassLoader(name, urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        try {
            Class<?> bridge = Class.forName(BRIDGE, false, loader);
            this.environment = bridge.getMethod("environment", Map.class, BiFunction.class);
            this.beforeCheckpoint = bridge.getMethod("beforeCheckpoint");
            this.afterRestore = bridge.getMethod("afterRestore");
            this.shutdown = bridge.getMethod("shutdown");
        } catch (ReflectiveOperationException e) {
            close();
            throw new IllegalStateException("the version's code has no bridge (" + BRIDGE + "): " + e, e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Handler init(Map<String, Object> environment, BiFunction<String, byte[], byte[]> ports) throws Throwable {
        BiFunction<Map<String, Object>, byte[], byte[]> invoke =
                (BiFunction<Map<String, Object>, byte[], byte[]>) call(this.environment, environment, ports);
        return invoke::apply;
    }

    @Override
    public void beforeCheckpoint() throws Throwable {
        call(beforeCheckpoint);
    }

    @Override
    public void afterRestore() throws Throwable {
        call(afterRestore);
    }

    @Override
    public ClassLoader loader() {
        return loader;
    }

    private Object call(Method method, Object... arguments) throws Throwable {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return method.invoke(null, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void close() {
        try {
            if (shutdown != null) {
                call(shutdown);
            }
        } catch (Throwable ignored) {
            // the version is being dropped; nothing of it may stop the runtime
        }
        try {
            loader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
