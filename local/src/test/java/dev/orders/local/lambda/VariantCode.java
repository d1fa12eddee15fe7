package dev.orders.local.lambda;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Real other code for a version: the functions' shaded jar with one class replaced by a variant compiled here
 * (javac against that jar), as a user who edits a handler and rebuilds would produce.
 */
public final class VariantCode {

    private VariantCode() {}

    /** The newest build's jar ($LATEST as the runtime finds it): the tests' version 1. */
    public static Path functionsJar() {
        CodeStore.Source source = LatestCode.locate();
        if (source.entries().size() != 1) {
            throw new IllegalStateException(
                    "these tests need the shaded functions jar: run ./mvnw -pl functions package first");
        }
        return source.entries().getFirst();
    }

    /** A copy of {@code base} in which {@code className} is compiled from {@code source}. */
    public static Path replacing(Path base, Path dir, String className, String source) {
        try {
            Path src = dir.resolve("src");
            Path classes = dir.resolve("classes");
            Path file = src.resolve(className.replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.createDirectories(classes);
            Files.writeString(file, source, StandardCharsets.UTF_8);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            int status = javac.run(
                    null,
                    null,
                    errors,
                    "--release",
                    "21",
                    "-proc:none",
                    "-classpath",
                    base.toString(),
                    "-d",
                    classes.toString(),
                    file.toString());
            if (status != 0) {
                throw new IllegalStateException(
                        "the variant does not compile:\n" + errors.toString(StandardCharsets.UTF_8));
            }
            Map<String, Path> compiled;
            try (Stream<Path> files = Files.walk(classes)) {
                compiled = files.filter(Files::isRegularFile)
                        .collect(java.util.stream.Collectors.toMap(
                                p -> classes.relativize(p).toString().replace('\\', '/'), p -> p));
            }
            String prefix = className.replace('.', '/');
            Path jar = dir.resolve("variant-" + Integer.toHexString(source.hashCode()) + ".jar");
            Files.copy(base, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (java.nio.file.FileSystem zip = java.nio.file.FileSystems.newFileSystem(jar)) {
                for (Map.Entry<String, Path> c : compiled.entrySet()) {
                    Path target = zip.getPath(c.getKey());
                    Files.copy(c.getValue(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                Path owner = zip.getPath(prefix + ".class").getParent();
                try (Stream<Path> nested = Files.list(owner)) {
                    for (Path p : nested.toList()) {
                        String name = owner.relativize(p).toString();
                        if (name.startsWith(prefix.substring(prefix.lastIndexOf('/') + 1) + "$")
                                && !compiled.containsKey(p.toString().substring(1))) {
                            Files.delete(p);
                        }
                    }
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An OrderApiHandler that answers every request with {@code status} and {@code body}: different code, same wiring. */
    static String answering(int status, String body) {
        return """
                package dev.orders.functions.api;

                import com.amazonaws.services.lambda.runtime.Context;
                import com.amazonaws.services.lambda.runtime.RequestHandler;
                import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
                import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
                import dev.orders.domain.port.OrderStore;
                import java.time.Clock;

                public final class OrderApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
                    public OrderApiHandler(OrderStore store, Clock clock) {
                    }

                    @Override
                    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
                        return new APIGatewayProxyResponseEvent().withStatusCode(%d).withBody("%s");
                    }
                }
                """.formatted(status, body);
    }

    /**
     * An OrderApiHandler that registers a CRaC resource, as the AWS wiring's priming does: its answer tells how many
     * times the version's checkpoint (priming) and restore hooks ran, and whether its constructor ran in this environment.
     */
    static String priming() {
        return """
                package dev.orders.functions.api;

                import com.amazonaws.services.lambda.runtime.Context;
                import com.amazonaws.services.lambda.runtime.RequestHandler;
                import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
                import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
                import dev.orders.domain.port.OrderStore;
                import java.time.Clock;
                import java.util.concurrent.atomic.AtomicInteger;

                public final class OrderApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>,
                        org.crac.Resource {
                    static final AtomicInteger PRIMED = new AtomicInteger();
                    static final AtomicInteger RESTORED = new AtomicInteger();
                    static final AtomicInteger BUILT = new AtomicInteger();
                    private final OrderStore store;

                    public OrderApiHandler(OrderStore store, Clock clock) {
                        this.store = store;
                        BUILT.incrementAndGet();
                        org.crac.Core.getGlobalContext().register(this);
                    }

                    @Override
                    public void beforeCheckpoint(org.crac.Context<? extends org.crac.Resource> context) {
                        PRIMED.incrementAndGet();
                    }

                    @Override
                    public void afterRestore(org.crac.Context<? extends org.crac.Resource> context) {
                        RESTORED.incrementAndGet();
                    }

                    @Override
                    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
                        store.findOrder(new dev.orders.domain.order.OrderId(event.getPathParameters().get("orderId")));
                        return new APIGatewayProxyResponseEvent().withStatusCode(200)
                                .withBody("primed=" + PRIMED.get() + " restored=" + RESTORED.get() + " built=" + BUILT.get());
                    }
                }
                """;
    }

    /** An OrderApiHandler whose init fails, as one whose table does not exist would. */
    static String failingInit() {
        return """
                package dev.orders.functions.api;

                import com.amazonaws.services.lambda.runtime.Context;
                import com.amazonaws.services.lambda.runtime.RequestHandler;
                import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
                import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
                import dev.orders.domain.port.OrderStore;
                import java.time.Clock;

                public final class OrderApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
                    public OrderApiHandler(OrderStore store, Clock clock) {
                        throw new IllegalStateException("ORDERS_TABLE_NAME names no table");
                    }

                    @Override
                    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
                        return null;
                    }
                }
                """;
    }
}
