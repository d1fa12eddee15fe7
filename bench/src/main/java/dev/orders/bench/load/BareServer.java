package dev.orders.bench.load;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The baseline for the end-to-end figure: the same JDK HttpServer the local gateway uses, with the same
 * virtual-thread executor, reading the body and answering a fixed 202. Anything slower is the platform's cost.
 */
public final class BareServer implements AutoCloseable {

    private static final byte[] BODY =
            "{\"orderId\":\"bare\",\"status\":\"ACCEPTED\"}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;

    private BareServer(HttpServer server) {
        this.server = server;
    }

    public static BareServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody();
                    OutputStream out = exchange.getResponseBody()) {
                in.readAllBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("Location", "/orders/bare");
                exchange.sendResponseHeaders(202, BODY.length);
                out.write(BODY);
            }
        });
        server.start();
        return new BareServer(server);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
