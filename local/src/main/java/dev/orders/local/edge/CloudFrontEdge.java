package dev.orders.local.edge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.orders.functions.shared.Json;
import dev.orders.local.template.SamTemplate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The template's CloudFront distribution in front of the local API: every viewer request runs the viewer-request
 * function (GraalJS) first, unless it is an AWS-protocol call or a {@code /_local/} view, which never pass
 * through a distribution in AWS. The function's answer is applied as CloudFront applies it: a response is sent as
 * it is, a request is routed with its new URI and headers. A function that throws answers 503 and one that returns
 * something unusable 502, as CloudFront does; either is logged on one line and counted. The response headers
 * policy goes on every response the distribution sends.
 */
public final class CloudFrontEdge implements EdgeHook, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CloudFrontEdge.class);
    private static final String BYPASSED = CloudFrontEdge.class.getName() + ".bypassed";
    static final String DISTRIBUTION_ID = "ELOCALDISTRIBUTION";

    private final EdgeSettings settings;
    private final Optional<EdgeFunctionRuntime> function;
    private final Optional<KeyValueStoreFile> store;
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong executionErrors = new AtomicLong();
    private final AtomicLong validationErrors = new AtomicLong();
    private final AtomicLong generatedResponses = new AtomicLong();
    private final AtomicLong bypassed = new AtomicLong();
    private volatile boolean warm;
    private final long[] recentNanos = new long[1024];
    private long recorded;

    CloudFrontEdge(EdgeSettings settings, Path dataDir) {
        this.settings = settings;
        this.function = settings.viewerRequest()
                .map(f -> new EdgeFunctionRuntime(
                        f.logicalId(),
                        f.code(),
                        Math.max(2, Runtime.getRuntime().availableProcessors())));
        this.store = settings.viewerRequest()
                .flatMap(EdgeSettings.FunctionSettings::store)
                .map(s -> KeyValueStoreFile.open(dataDir, s.logicalId(), s.seed()));
        settings.notReproduced()
                .forEach(part ->
                        LOG.warn("distribution {}: {} is not reproduced locally", settings.distribution(), part));
    }

    /** The template's distribution (its key value store file under {@code dataDir}), or empty when it has none. */
    public static Optional<CloudFrontEdge> open(SamTemplate template, Path dataDir) {
        return EdgeSettings.from(template).map(settings -> new CloudFrontEdge(settings, dataDir));
    }

    /** Pays GraalJS's first-use cost (engine, every pooled context, the first runs) now rather than on the first requests. */
    public void warmUp() {
        function.ifPresent(f -> {
            long started = System.nanoTime();
            // The API's hot path: a current route with a query to canonicalise.
            ObjectNode event = Json.internal().createObjectNode();
            event.put("version", "1.0");
            event.putObject("context")
                    .put("eventType", "viewer-request")
                    .put("distributionId", DISTRIBUTION_ID)
                    .put("requestId", "warm-up");
            event.putObject("viewer").put("ip", "127.0.0.1");
            ObjectNode request = event.putObject("request").put("method", "GET").put("uri", "/orders/warm-up");
            request.putObject("querystring").putObject("utm_source").put("value", "warm-up");
            request.putObject("headers").putObject("host").put("value", "localhost");
            request.putObject("cookies");
            EdgeFunctionRuntime.Invocation run = f.prime(
                    event.toString(), store.map(KeyValueStoreFile::current).orElse(null), 20);
            run.error()
                    .ifPresentOrElse(
                            error -> LOG.error(
                                    "edge function {} fails on a plain GET /orders/warm-up: {}",
                                    f.name(),
                                    oneLine(error)),
                            () -> LOG.info(
                                    "edge function {} ready in {} ms",
                                    f.name(),
                                    (System.nanoTime() - started) / 1_000_000));
        });
        warm = true;
    }

    @Override
    public Optional<HttpExchange> viewerRequest(HttpExchange exchange) {
        if (AwsProtocolRequests.reason(exchange).isPresent()) {
            bypassed.incrementAndGet();
            exchange.setAttribute(BYPASSED, Boolean.TRUE);
            return Optional.of(exchange);
        }
        if (function.isEmpty()) {
            return Optional.of(exchange);
        }
        EdgeFunctionRuntime runtime = function.get();
        String event =
                ViewerRequests.event(exchange, DISTRIBUTION_ID, requestId()).toString();
        EdgeFunctionRuntime.Invocation run =
                runtime.invoke(event, store.map(KeyValueStoreFile::current).orElse(null));
        invocations.incrementAndGet();
        record(run.elapsed().toNanos());
        run.logs().forEach(line -> LOG.info("edge function {}: {}", runtime.name(), oneLine(line)));
        if (run.error().isPresent()) {
            executionErrors.incrementAndGet();
            LOG.warn(
                    "edge function {} failed on {} {} (503 to the viewer): {}",
                    runtime.name(),
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    oneLine(run.error().get()));
            answer(exchange, 503, htmlHeaders(), errorPage(503), "Error from cloudfront");
            return Optional.empty();
        }
        try {
            return switch (ViewerRequests.apply(run.output().orElse(null))) {
                case ViewerRequests.Outcome.Respond respond -> {
                    generatedResponses.incrementAndGet();
                    answer(
                            exchange,
                            respond.status(),
                            respond.headers(),
                            respond.body(),
                            "FunctionGeneratedResponse from cloudfront");
                    yield Optional.empty();
                }
                case ViewerRequests.Outcome.Forward forward ->
                    Optional.of(new RewrittenExchange(exchange, forward.uri(), forward.headers()));
            };
        } catch (ViewerRequests.InvalidOutput invalid) {
            validationErrors.incrementAndGet();
            LOG.warn(
                    "edge function {} returned an invalid object on {} {} (502 to the viewer): {}",
                    runtime.name(),
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    oneLine(invalid.getMessage()));
            answer(exchange, 502, htmlHeaders(), errorPage(502), "Error from cloudfront");
            return Optional.empty();
        }
    }

    @Override
    public void viewerResponse(HttpExchange forwarded) {
        if (Boolean.TRUE.equals(forwarded.getAttribute(BYPASSED))) {
            return;
        }
        Headers response = forwarded.getResponseHeaders();
        settings.policy().ifPresent(policy -> policy.apply(response));
        // The local distribution caches nothing: every forwarded request is a miss.
        response.set("X-Cache", "Miss from cloudfront");
    }

    /** A response the distribution itself sends (the function's, or CloudFront's error page). */
    private void answer(HttpExchange exchange, int status, Headers headers, byte[] body, String cache) {
        Headers response = exchange.getResponseHeaders();
        // The request never reached API Gateway.
        response.remove("apigw-requestid");
        response.putAll(headers);
        response.set("X-Cache", cache);
        settings.policy().ifPresent(policy -> policy.apply(response));
        boolean noBody = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
        try {
            exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot answer the viewer", e);
        }
    }

    private static Headers htmlHeaders() {
        Headers headers = new Headers();
        headers.set("Content-Type", "text/html; charset=utf-8");
        return headers;
    }

    private static byte[] errorPage(int status) {
        return ("<html><head><title>ERROR: The request could not be satisfied</title></head><body><h1>" + status
                        + " ERROR</h1><h2>The request could not be satisfied.</h2><p>The CloudFront function associated with the"
                        + " CloudFront distribution is invalid or could not run.</p></body></html>")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The counts CloudFront publishes as FunctionInvocations, FunctionExecutionErrors and FunctionValidationErrors. */
    public ObjectNode health() {
        ObjectNode health = Json.internal().createObjectNode();
        // STARTING until GraalJS is warm: requests are served meanwhile, only slower (a load test should wait for UP).
        health.put("status", warm || function.isEmpty() ? "UP" : "STARTING")
                .put("distribution", settings.distribution());
        function.ifPresent(f -> health.put("viewerRequestFunction", f.name()));
        store.ifPresent(s -> health.put("keyValueStore", s.file().toString())
                .put("keys", s.current().keys()));
        health.put("invocations", invocations.get())
                .put("executionErrors", executionErrors.get())
                .put("validationErrors", validationErrors.get())
                .put("generatedResponses", generatedResponses.get())
                .put("awsProtocolRequestsPassedBy", bypassed.get());
        long[] recent = recent();
        if (recent.length > 0) {
            health.put("durationMicrosP50", recent[recent.length / 2] / 1000)
                    .put("durationMicrosP99", recent[(int) (recent.length * 0.99)] / 1000)
                    .put("durationSamples", recent.length);
        }
        return health;
    }

    private synchronized void record(long nanos) {
        recentNanos[(int) (recorded++ % recentNanos.length)] = nanos;
    }

    private synchronized long[] recent() {
        long[] copy = Arrays.copyOf(recentNanos, (int) Math.min(recorded, recentNanos.length));
        Arrays.sort(copy);
        return copy;
    }

    private static String requestId() {
        byte[] bytes = new byte[42];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getUrlEncoder().encodeToString(bytes);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " | ");
    }

    @Override
    public void close() {
        function.ifPresent(EdgeFunctionRuntime::close);
    }
}
