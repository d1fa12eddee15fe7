package dev.orders.bench.warm;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.orders.functions.api.OrderApiHandler;
import dev.orders.functions.testing.TestContext;
import dev.orders.local.lambda.EventJson;
import dev.orders.local.lambda.FunctionSettings;
import dev.orders.local.lambda.FunctionWiring;
import dev.orders.local.lambda.Invocation;
import dev.orders.local.lambda.LambdaService;
import dev.orders.local.lambda.LambdaSettings;
import dev.orders.local.store.Database;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;

/**
 * What the local Lambda's boundary costs (decision 0027), in medians:
 * <ul>
 *   <li>a warm {@code POST /orders} through {@code OrderApiHandler} called directly (as the runtime did before
 *       versions) against the same call through {@code LambdaService.invoke} on a published version: the event to JSON
 *       and back, the version's own class loader, each store call as JSON over the channel, the environment
 *       bookkeeping, the invocation's thread and its START/END/REPORT lines;</li>
 *   <li>a cold start of OrderApi in a fresh version class loader (Init Duration + the first invocation) against a warm
 *       invocation.</li>
 * </ul>
 * {@code java -cp bench/target/orders-bench.jar dev.orders.bench.warm.BoundaryCost [WARM_CALLS] [COLD_STARTS]}, from the
 * repository root after {@code ./mvnw -DskipTests package} (the version's code is functions/target/orders-functions.jar).
 */
public final class BoundaryCost {

    private static final String API = "OrderApiFunction";

    private BoundaryCost() {}

    public static void main(String[] args) throws Exception {
        int warmCalls = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int coldStarts = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Local);
        PrintStream report = System.out;
        Path work = Files.createTempDirectory("boundary-cost");
        // The handlers' log lines and Lambda's REPORT lines go to a file, flushed per line as a console is, on both
        // paths
        // (before versions, every handler's output went through an auto-flushing stdout tap as well).
        System.setOut(new PrintStream(
                new BufferedOutputStream(
                        new FileOutputStream(work.resolve("stdout.log").toFile())),
                true,
                StandardCharsets.UTF_8));

        OrderApiHandler direct = new OrderApiHandler(new ForgetfulOrderStore(100_000), Clock.systemUTC());
        TestContext context = new TestContext(OrderApiHandler.class.getName());
        EventJson<APIGatewayProxyRequestEvent> events = EventJson.of(APIGatewayProxyRequestEvent.class);
        EventJson<APIGatewayProxyResponseEvent> responses = EventJson.of(APIGatewayProxyResponseEvent.class);

        try (Database db = new Database(work.resolve("orders.db"));
                LambdaService lambda = LambdaService.open(work, db, LambdaSettings.DEFAULT)) {
            register(lambda, new ForgetfulOrderStore(100_000));
            lambda.deploy();
            long[] directNanos = new long[warmCalls];
            long[] boundaryNanos = new long[warmCalls];
            for (int round = 0; round < 2; round++) { // the first round warms both up, the second is measured
                for (int i = 0; i < warmCalls; i++) {
                    APIGatewayProxyRequestEvent event = WarmHandlerBenchmark.event("d" + round + "-" + i);
                    long started = System.nanoTime();
                    expect202(direct.handleRequest(event, context.next()));
                    directNanos[i] = System.nanoTime() - started;

                    APIGatewayProxyRequestEvent crossing = WarmHandlerBenchmark.event("b" + round + "-" + i);
                    started = System.nanoTime();
                    Invocation invocation = lambda.invoke(API, Optional.of(LambdaService.LIVE), events.write(crossing));
                    expect202(responses.read(invocation.payload()));
                    boundaryNanos[i] = System.nanoTime() - started;
                }
            }
            double directMedian = median(directNanos) / 1000.0;
            double boundaryMedian = median(boundaryNanos) / 1000.0;
            report.printf(
                    "warm POST /orders, %d calls each, median: direct %.1f µs, through the boundary %.1f µs, cost %.1f µs%n",
                    warmCalls, directMedian, boundaryMedian, boundaryMedian - directMedian);
            report.printf(
                    "  serialization alone (event to JSON and back, response to JSON and back), median: %.1f µs%n",
                    serializationMedian(events, responses, warmCalls) / 1000.0);
        }

        long[] coldNanos = new long[coldStarts];
        long[] warmNanos = new long[coldStarts];
        for (int i = 0; i < coldStarts; i++) {
            Path folder = Files.createTempDirectory(work, "cold");
            try (Database db = new Database(folder.resolve("orders.db"));
                    LambdaService lambda = LambdaService.open(folder, db, LambdaSettings.DEFAULT)) {
                register(lambda, new ForgetfulOrderStore(1000));
                lambda.deploy(); // version 1 published (no SnapStart here): nothing loaded yet
                long started = System.nanoTime();
                expect202(responses.read(lambda.invoke(
                                API, Optional.of(LambdaService.LIVE), events.write(WarmHandlerBenchmark.event("c" + i)))
                        .payload()));
                coldNanos[i] = System.nanoTime() - started;
                started = System.nanoTime();
                expect202(responses.read(lambda.invoke(
                                API, Optional.of(LambdaService.LIVE), events.write(WarmHandlerBenchmark.event("w" + i)))
                        .payload()));
                warmNanos[i] = System.nanoTime() - started;
            }
        }
        report.printf(
                "OrderApi in a fresh version class loader, %d times, median: cold (init + first call) %.1f ms, the next call %.2f ms%n",
                coldStarts, median(coldNanos) / 1e6, median(warmNanos) / 1e6);
        System.out.flush();
        System.exit(0);
    }

    private static void register(LambdaService lambda, ForgetfulOrderStore store) {
        FunctionSettings settings = new FunctionSettings(
                API,
                OrderApiHandler.class.getName() + "::handleRequest",
                Duration.ofSeconds(10),
                1024,
                Optional.empty(),
                "java21",
                Map.of(),
                false,
                512,
                OptionalInt.empty(),
                false,
                Map.of());
        lambda.register(
                settings,
                FunctionWiring.of(API, OrderApiHandler.class)
                        .store("orders", store)
                        .clock(Clock.systemUTC()),
                APIGatewayProxyRequestEvent.class,
                APIGatewayProxyResponseEvent.class);
    }

    private static double serializationMedian(
            EventJson<APIGatewayProxyRequestEvent> events,
            EventJson<APIGatewayProxyResponseEvent> responses,
            int calls) {
        long[] nanos = new long[calls];
        APIGatewayProxyResponseEvent response = new APIGatewayProxyResponseEvent()
                .withStatusCode(202)
                .withHeaders(Map.of("Content-Type", "application/json", "Location", "/orders/x"))
                .withBody("{\"orderId\":\"x\",\"status\":\"ACCEPTED\"}");
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < calls; i++) {
                long started = System.nanoTime();
                events.read(events.write(WarmHandlerBenchmark.event("s" + i)));
                responses.read(responses.write(response));
                nanos[i] = System.nanoTime() - started;
            }
        }
        return median(nanos);
    }

    private static void expect202(APIGatewayProxyResponseEvent response) {
        if (response.getStatusCode() != 202) {
            throw new IllegalStateException(
                    "expected 202, got " + response.getStatusCode() + ": " + response.getBody());
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        List<Long> middle = new ArrayList<>();
        middle.add(sorted[sorted.length / 2]);
        if (sorted.length % 2 == 0) {
            middle.add(sorted[sorted.length / 2 - 1]);
        }
        return middle.stream().mapToLong(Long::longValue).average().orElse(0);
    }
}
