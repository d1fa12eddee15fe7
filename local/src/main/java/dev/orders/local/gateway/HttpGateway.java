package dev.orders.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.orders.local.auth.JwtVerifier;
import dev.orders.local.aws.AwsRequest;
import dev.orders.local.aws.AwsResponse;
import dev.orders.local.aws.AwsRouter;
import dev.orders.local.aws.AwsService;
import dev.orders.local.delivery.DeliveryFaults;
import dev.orders.local.delivery.DeliveryPath;
import dev.orders.local.edge.EdgeHook;
import dev.orders.local.lambda.LocalFunction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local endpoint. Every request takes one of three ways: an AWS call ({@link AwsRouter}: SigV4 scope or
 * the service's own recognition) goes to that service; {@code /_local/*} goes to the local views; anything
 * else is the API, answered as API Gateway's HTTP API (payload format 1.0) answers it: throttling, the JWT
 * authorizer, the proxy integration, and API Gateway's own errors. A client that breaks its request (a body
 * cut short, a malformed chunk) gets a 400 if it is still there, is counted, and costs one log line.
 */
public final class HttpGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpGateway.class);
    /** HTTP API's maximum request payload. */
    static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

    static final String LOCAL_PREFIX = "/_local/";
    /** The local view served at {@code GET /}. */
    static final String DASHBOARD = "dashboard";

    /** An answer: status, content type (null for none) and body (empty for none). */
    public record Reply(int status, String contentType, byte[] body) {
        public static Reply json(int status, String json) {
            return new Reply(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final Reply NOT_FOUND = Reply.json(404, "{\"message\":\"Not Found\"}");
    private static final Reply BAD_REQUEST = Reply.json(400, "{\"message\":\"Bad Request\"}");
    private static final Reply INTERNAL_ERROR = Reply.json(500, "{\"message\":\"Internal Server Error\"}");

    private final List<ApiRoute> routes = new ArrayList<>();
    private final AwsRouter aws = new AwsRouter();
    private final ClientErrors clientErrors = new ClientErrors();
    private final JwtVerifier verifier;
    private final TokenBucket throttle;
    private volatile LocalEndpoints local = (method, name, query) -> NOT_FOUND;
    private volatile DeliveryFaults deliveries = DeliveryFaults.NONE;
    private volatile Observer observer = new Observer() {};
    private volatile EdgeHook edge = EdgeHook.NONE;
    private HttpServer server;

    /** Hears every API request as API Gateway's metrics count it: status, latency, and the integration's latency (-1 without one). */
    public interface Observer {
        default void served(int status, long latencyNanos, long integrationNanos) {}
    }

    public void observe(Observer observer) {
        this.observer = observer;
    }

    public HttpGateway(JwtVerifier verifier, double rateLimit, int burstLimit) {
        this.verifier = verifier;
        this.throttle = new TokenBucket(rateLimit, burstLimit);
    }

    /** An API route and the function behind it, as the template's {@code HttpApi} event declares it. */
    public synchronized void route(
            String method,
            String path,
            boolean requiresJwt,
            LocalFunction<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> function) {
        routes.add(new ApiRoute(method, path, requiresJwt, function));
        routes.sort(Comparator.comparingInt(ApiRoute::specificity).reversed());
    }

    /** The CloudFront distribution in front of the API routes (none by default). */
    public void edge(EdgeHook hook) {
        this.edge = hook;
    }

    /** The AWS services at this base URL: {@code gateway.aws().register(service)}. */
    public AwsRouter aws() {
        return aws;
    }

    /** Delivery faults on the API: a request delivered to its function twice (a client's retry). */
    public void deliveryFaults(DeliveryFaults faults) {
        this.deliveries = faults;
    }

    /** What serves {@code /_local/*}. */
    public void local(LocalEndpoints endpoints) {
        this.local = endpoints;
    }

    public ClientErrors.Snapshot clientErrors() {
        return clientErrors.snapshot();
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
        long received = System.nanoTime();
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            exchange.getResponseHeaders().add("apigw-requestid", requestId);
            AwsRequest head = AwsRequest.of(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(),
                    new byte[0]);
            Optional<AwsService> streaming = aws.streaming(head);
            if (streaming.isPresent()) {
                // S3 objects: the service reads the body as it arrives, never whole in memory and not bound by API
                // Gateway's 10 MB.
                AwsResponse answer = aws.routeStreaming(streaming.get(), head, exchange.getRequestBody());
                if (answer.status() >= 400) {
                    // the client may still be sending a body the service did not read: this connection ends with the
                    // answer
                    exchange.getResponseHeaders().set("Connection", "close");
                }
                send(exchange, answer);
                return;
            }
            byte[] body;
            try {
                body = readBody(exchange.getRequestBody());
            } catch (IOException unreadable) {
                refuse(exchange, ClientErrors.classify(unreadable), unreadable);
                return;
            }
            if (body == null) {
                send(exchange, Reply.json(413, "{\"message\":\"Request Entity Too Large\"}"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            AwsRequest request = AwsRequest.of(
                    exchange.getRequestMethod(),
                    path,
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(),
                    body);
            Optional<AwsResponse> awsCall = aws.route(request);
            if (awsCall.isPresent()) {
                send(exchange, awsCall.get());
            } else if (path.startsWith(LOCAL_PREFIX)) {
                send(
                        exchange,
                        local.serve(
                                request.method(), path.substring(LOCAL_PREFIX.length()), firstValues(request), body));
            } else if (path.equals("/")
                    && (request.method().equals("GET") || request.method().equals("HEAD"))) {
                // The dashboard: local-only, like /_local/ (the API has no route at /).
                send(exchange, local.serve(request.method(), DASHBOARD, firstValues(request)));
            } else {
                // The distribution's viewer-request function runs first; it may answer itself (a redirect, an error).
                Optional<HttpExchange> viewer = edge.viewerRequest(exchange);
                if (viewer.isPresent()) {
                    long[] integration = {-1};
                    Reply reply =
                            api(viewer.get(), viewer.get().getRequestURI().getPath(), body, requestId, integration);
                    observer.served(reply.status(), System.nanoTime() - received, integration[0]);
                    edge.viewerResponse(viewer.get());
                    send(exchange, reply);
                }
            }
        } catch (IOException clientGone) {
            // The answer could not be written: the client closed the connection first. Nothing to repair.
            clientErrors.countUndelivered();
            LOG.debug(
                    "answer to {} {} not delivered: {}",
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    clientGone.getMessage());
        } catch (RuntimeException failure) {
            LOG.error(
                    "gateway failure on {} {}",
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    failure);
            try {
                send(exchange, INTERNAL_ERROR);
            } catch (IOException | RuntimeException clientGone) {
                clientErrors.countUndelivered();
            }
        }
    }

    /** A request the client broke: counted, one line, a 400 if the client still listens. */
    private void refuse(HttpExchange exchange, ClientErrors.Kind kind, IOException cause) {
        clientErrors.count(kind);
        LOG.info(
                "client error {} on {} {} from {} ({}): answered 400",
                kind,
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRemoteAddress().getAddress().getHostAddress(),
                cause.getMessage());
        try {
            // The connection cannot carry another request after a broken body.
            exchange.getResponseHeaders().set("Connection", "close");
            send(exchange, BAD_REQUEST);
        } catch (IOException | RuntimeException clientGone) {
            clientErrors.countUndelivered();
        }
    }

    private Reply api(HttpExchange exchange, String path, byte[] body, String requestId, long[] integration) {
        String method = exchange.getRequestMethod();
        Optional<Map.Entry<ApiRoute, Map<String, String>>> matched = find(method, path);
        if (matched.isEmpty()) {
            // HTTP API matches the method exactly (or ANY): HEAD on a GET-only route is no route at all.
            return NOT_FOUND;
        }
        ApiRoute route = matched.get().getKey();
        Map<String, String> claims = null;
        if (route.requiresJwt()) {
            Optional<Map<String, String>> verified =
                    verifier.verify(exchange.getRequestHeaders().getFirst("Authorization"));
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
        APIGatewayProxyRequestEvent event =
                ProxyEvents.toEvent(exchange, route, matched.get().getValue(), claims, body, requestId);
        long invoked = System.nanoTime();
        LocalFunction.Result<APIGatewayProxyResponseEvent> result =
                route.function().invoke(event);
        if (deliveries.duplicate(DeliveryPath.API, route.function().name(), requestId)) {
            // a delivery fault: the client lost the first answer and sent the same request again (a new request id)
            result = route.function()
                    .invoke(ProxyEvents.toEvent(
                            exchange,
                            route,
                            matched.get().getValue(),
                            claims,
                            body,
                            UUID.randomUUID().toString()));
        }
        integration[0] = System.nanoTime() - invoked;
        return switch (result) {
            case LocalFunction.Result.Success<APIGatewayProxyResponseEvent> success ->
                proxyResponse(exchange, success.response());
            // HTTP API answers 500 for a throttled function, a function error and a timed-out function alike.
            case LocalFunction.Result.Throttled<APIGatewayProxyResponseEvent> throttled -> INTERNAL_ERROR;
            case LocalFunction.Result.Failed<APIGatewayProxyResponseEvent> failed -> INTERNAL_ERROR;
            case LocalFunction.Result.TimedOut<APIGatewayProxyResponseEvent> timedOut -> INTERNAL_ERROR;
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
        if (response == null
                || response.getStatusCode() == null
                || response.getStatusCode() < 100
                || response.getStatusCode() > 599) {
            // a malformed Lambda proxy response
            return INTERNAL_ERROR;
        }
        if (response.getHeaders() != null) {
            response.getHeaders()
                    .forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders()
                    .forEach((name, values) -> exchange.getResponseHeaders().put(name, new ArrayList<>(values)));
        }
        String body = response.getBody() == null ? "" : response.getBody();
        byte[] bytes = Boolean.TRUE.equals(response.getIsBase64Encoded())
                ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        String contentType = exchange.getResponseHeaders().getFirst("Content-Type");
        return new Reply(response.getStatusCode(), contentType, bytes);
    }

    private static Map<String, String> firstValues(AwsRequest request) {
        Map<String, String> first = new LinkedHashMap<>();
        request.query().forEach((name, values) -> first.put(name, values.getFirst()));
        return first;
    }

    /** The body, or null when it is larger than HTTP API accepts. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
        return body.length > MAX_PAYLOAD_BYTES ? null : body;
    }

    private static void send(HttpExchange exchange, AwsResponse response) throws IOException {
        response.headers()
                .forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (response.streamed().isPresent() && !exchange.getRequestMethod().equals("HEAD")) {
            AwsResponse.Streamed body = response.streamed().get();
            if (response.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", response.contentType());
            }
            exchange.sendResponseHeaders(response.status(), body.length() == 0 ? -1 : body.length());
            if (body.length() > 0) {
                try (InputStream in = body.open();
                        OutputStream out = exchange.getResponseBody()) {
                    in.transferTo(out);
                }
            }
            return;
        }
        send(exchange, new Reply(response.status(), response.contentType(), response.body()));
    }

    /**
     * Writes the answer. To {@code HEAD} the status and headers go out as they would for {@code GET}, with the
     * body's length but without the body (RFC 9110, 9.3.2).
     */
    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        if (reply.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        }
        byte[] body = reply.body() == null ? new byte[0] : reply.body();
        if (exchange.getRequestMethod().equals("HEAD")) {
            if (body.length > 0 && !exchange.getResponseHeaders().containsKey("Content-Length")) {
                exchange.getResponseHeaders().set("Content-Length", String.valueOf(body.length));
            }
            exchange.sendResponseHeaders(reply.status(), -1);
            return;
        }
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
