package dev.orders.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.orders.local.auth.JwtVerifier;
import dev.orders.local.edge.EdgeHook;
import dev.orders.local.lambda.LocalFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * The local API Gateway (HTTP API, payload format 1.0): throttling, the JWT authorizer, the proxy
 * integration, and API Gateway's own error answers. It also serves the local-only {@code /_local/}
 * endpoints and AWS JSON-protocol calls ({@code X-Amz-Target}) at the same address.
 */
public final class HttpGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpGateway.class);
    /** HTTP API's maximum request payload. */
    static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

    /** A local-only endpoint: gets the exchange's query and answers status and JSON. */
    public interface LocalEndpoint {
        Reply handle(String method, Map<String, String> query, byte[] body) throws Exception;
    }

    public record Reply(int status, String contentType, byte[] body) {
        public static Reply json(int status, String json) {
            return new Reply(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final List<ApiRoute> routes = new ArrayList<>();
    private final Map<String, LocalEndpoint> localEndpoints = new ConcurrentHashMap<>();
    private final Map<String, LocalEndpoint> awsTargets = new ConcurrentHashMap<>();
    private final JwtVerifier verifier;
    private final TokenBucket throttle;
    private volatile EdgeHook edge = EdgeHook.NONE;
    private HttpServer server;

    public HttpGateway(JwtVerifier verifier, double rateLimit, int burstLimit) {
        this.verifier = verifier;
        this.throttle = new TokenBucket(rateLimit, burstLimit);
    }

    public synchronized void route(String method, String path, boolean requiresJwt,
                                   LocalFunction<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> function) {
        routes.add(new ApiRoute(method, path, requiresJwt, function));
        routes.sort(Comparator.comparingInt(ApiRoute::specificity).reversed());
    }

    /** The CloudFront distribution in front of the API routes (none by default). */
    public void edge(EdgeHook hook) {
        this.edge = hook;
    }

    /** Serves {@code /_local/NAME}. */
    public void local(String name, LocalEndpoint endpoint) {
        localEndpoints.put("/_local/" + name, endpoint);
    }

    /** Serves AWS JSON-protocol calls whose {@code X-Amz-Target} starts with {@code prefix} (e.g. {@code Kinesis_20131202.}). */
    public void awsTarget(String prefix, LocalEndpoint endpoint) {
        awsTargets.put(prefix, endpoint);
    }

    public HttpGateway start(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::exchange);
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void exchange(HttpExchange exchange) {
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            exchange.getResponseHeaders().add("apigw-requestid", requestId);
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                send(exchange, Reply.json(413, "{\"message\":\"Request Entity Too Large\"}"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (target != null) {
                send(exchange, aws(target, body));
            } else if (path.startsWith("/_local/")) {
                send(exchange, local(exchange, path, body));
            } else {
                Optional<HttpExchange> viewer = edge.viewerRequest(exchange);
                if (viewer.isPresent()) {
                    Reply reply = api(viewer.get(), viewer.get().getRequestURI().getPath(), body, requestId);
                    edge.viewerResponse(viewer.get());
                    send(exchange, reply);
                }
            }
        } catch (Exception failure) {
            LOG.error("gateway failure", failure);
            try {
                send(exchange, Reply.json(500, "{\"message\":\"Internal Server Error\"}"));
            } catch (IOException ignored) {
                // the client has gone
            }
        }
    }

    private Reply api(HttpExchange exchange, String path, byte[] body, String requestId) {
        String method = exchange.getRequestMethod();
        Optional<Map.Entry<ApiRoute, Map<String, String>>> matched = find(method, path);
        if (matched.isEmpty()) {
            return Reply.json(404, "{\"message\":\"Not Found\"}");
        }
        ApiRoute route = matched.get().getKey();
        Map<String, String> claims = null;
        if (route.requiresJwt()) {
            Optional<Map<String, String>> verified = verifier.verify(exchange.getRequestHeaders().getFirst("Authorization"));
            if (verified.isEmpty()) {
                exchange.getResponseHeaders().add("www-authenticate", "Bearer scope=\"\" error=\"invalid_token\"");
                return Reply.json(401, "{\"message\":\"Unauthorized\"}");
            }
            claims = verified.get();
        }
        if (!throttle.tryTake()) {
            exchange.getResponseHeaders().add("Retry-After", String.valueOf(throttle.secondsUntilNextToken()));
            return Reply.json(429, "{\"message\":\"Too Many Requests\"}");
        }
        APIGatewayProxyRequestEvent event = ProxyEvents.toEvent(exchange, route, matched.get().getValue(), claims, body, requestId);
        return switch (route.function().invoke(event)) {
            case LocalFunction.Result.Success<APIGatewayProxyResponseEvent> success -> proxyResponse(exchange, success.response());
            // HTTP API answers 500 for a throttled function, a function error and a timed-out function alike.
            case LocalFunction.Result.Throttled<APIGatewayProxyResponseEvent> throttled -> internalError();
            case LocalFunction.Result.Failed<APIGatewayProxyResponseEvent> failed -> internalError();
            case LocalFunction.Result.TimedOut<APIGatewayProxyResponseEvent> timedOut -> internalError();
        };
    }

    private synchronized Optional<Map.Entry<ApiRoute, Map<String, String>>> find(String method, String path) {
        for (ApiRoute route : routes) {
            if (route.method().equals(method)) {
                Optional<Map<String, String>> parameters = route.match(path);
                if (parameters.isPresent()) {
                    return Optional.of(Map.entry(route, parameters.get()));
                }
            }
        }
        return Optional.empty();
    }

    private static Reply proxyResponse(HttpExchange exchange, APIGatewayProxyResponseEvent response) {
        if (response == null || response.getStatusCode() == null || response.getStatusCode() < 100 || response.getStatusCode() > 599) {
            // a malformed Lambda proxy response
            return internalError();
        }
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> exchange.getResponseHeaders().put(name, new ArrayList<>(values)));
        }
        String body = response.getBody() == null ? "" : response.getBody();
        byte[] bytes = Boolean.TRUE.equals(response.getIsBase64Encoded())
                ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        String contentType = exchange.getResponseHeaders().getFirst("Content-Type");
        return new Reply(response.getStatusCode(), contentType, bytes);
    }

    private static Reply internalError() {
        return Reply.json(500, "{\"message\":\"Internal Server Error\"}");
    }

    private Reply local(HttpExchange exchange, String path, byte[] body) throws Exception {
        LocalEndpoint endpoint = localEndpoints.get(path);
        if (endpoint == null) {
            return Reply.json(404, "{\"message\":\"Not Found\"}");
        }
        return endpoint.handle(exchange.getRequestMethod(), query(exchange.getRequestURI().getRawQuery()), body);
    }

    private Reply aws(String target, byte[] body) throws Exception {
        for (Map.Entry<String, LocalEndpoint> entry : awsTargets.entrySet()) {
            if (target.startsWith(entry.getKey())) {
                return entry.getValue().handle(target, Map.of(), body);
            }
        }
        return new Reply(400, "application/x-amz-json-1.1",
                ("{\"__type\":\"UnknownOperationException\",\"message\":\"" + target.replaceAll("[^A-Za-z0-9_.]", "") + " is not served here\"}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new java.util.LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(ProxyEvents.decode(kv[0]), kv.length > 1 ? ProxyEvents.decode(kv[1]) : "");
            }
        }
        return query;
    }

    /** The body, or null when it is larger than HTTP API accepts. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
        return body.length > MAX_PAYLOAD_BYTES ? null : body;
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        if (reply.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        }
        byte[] body = reply.body() == null ? new byte[0] : reply.body();
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
