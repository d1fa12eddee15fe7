package dev.orders.bench.warm;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.orders.bench.lambda.HelloHandler;
import dev.orders.functions.api.OrderApiHandler;
import dev.orders.functions.testing.TestContext;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;

/**
 * A warm OrderApi invocation: a new order per call ({@code POST /orders} with a fresh idempotency key) through
 * {@link OrderApiHandler#handleRequest} with in-memory ports, beside the hello-world handler on the same event.
 * Building the event is part of both, so the difference is the handler's own work.
 */
@State(Scope.Thread)
public class WarmHandlerBenchmark {

    static final String BODY =
            "{\"items\":[{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPrice\":{\"amount\":\"12.50\",\"currency\":\"EUR\"}},"
                    + "{\"sku\":\"SKU-2\",\"quantity\":1,\"unitPrice\":{\"amount\":\"5.00\",\"currency\":\"EUR\"}}]}";

    private OrderApiHandler orderApi;
    private HelloHandler hello;
    private TestContext context;
    private long sequence;

    private PrintStream originalOut;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        // As in Lambda: EMF lines to stdout (outside Lambda the library would look for a CloudWatch agent), and
        // stdout to a file, since JMH forwards a forked JVM's stdout to its host through its own pipe.
        EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Lambda);
        originalOut = System.out;
        System.setOut(new PrintStream(
                new BufferedOutputStream(
                        new FileOutputStream(System.getProperty("orders.bench.stdout", "warm-handler.stdout"))),
                false,
                StandardCharsets.UTF_8));
        orderApi = new OrderApiHandler(new ForgetfulOrderStore(100_000), Clock.systemUTC());
        hello = new HelloHandler();
        context = new TestContext(OrderApiHandler.class.getName());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        System.out.flush();
        System.setOut(originalOut);
    }

    @Benchmark
    public APIGatewayProxyResponseEvent placeOrder() {
        return expect202(orderApi.handleRequest(nextEvent(), context.next()));
    }

    @Benchmark
    public APIGatewayProxyResponseEvent helloWorld() {
        return expect202(hello.handleRequest(nextEvent(), context.next()));
    }

    private APIGatewayProxyRequestEvent nextEvent() {
        return event("warm-" + Thread.currentThread().threadId() + "-" + sequence++);
    }

    /** API Gateway's proxy event for {@code POST /orders} with {@link #BODY}, authorized, under Idempotency-Key {@code key}. */
    static APIGatewayProxyRequestEvent event(String key) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("idempotency-key", key);
        Map<String, Object> authorizer = new HashMap<>();
        authorizer.put("claims", Map.of("sub", "customer-bench", "iss", "https://issuer.example.com/"));
        APIGatewayProxyRequestEvent.ProxyRequestContext request = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withRequestId(key)
                .withStage("live")
                .withHttpMethod("POST")
                .withResourcePath("/orders");
        request.setAuthorizer(authorizer);
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod("POST")
                .withResource("/orders")
                .withPath("/orders")
                .withHeaders(headers)
                .withRequestContext(request)
                .withBody(BODY)
                .withIsBase64Encoded(false);
    }

    /** A benchmark that measured an error response would measure the wrong thing: stop it instead. */
    private static APIGatewayProxyResponseEvent expect202(APIGatewayProxyResponseEvent response) {
        if (response.getStatusCode() != 202) {
            throw new IllegalStateException(
                    "expected 202, got " + response.getStatusCode() + ": " + response.getBody());
        }
        return response;
    }
}
