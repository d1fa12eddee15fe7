package dev.orders.bench.load;

import dev.orders.bench.JavaChild;
import dev.orders.local.LocalPlatform;
import dev.orders.local.store.Faults;
import dev.orders.local.template.HttpApi;
import dev.orders.local.template.SamTemplate;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Child JVM of the end-to-end figure: the same load against a bare JDK server answering 202, then against
 * {@code POST /orders} on the local platform (API throttling raised so the load is not turned away).
 * {@code EndToEndMain WORK_DIR CONNECTIONS WARMUP_MS MEASURED_MS RESULT_FILE}
 */
public final class EndToEndMain {

    static final String BODY =
            "{\"items\":[{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPrice\":{\"amount\":\"12.50\",\"currency\":\"EUR\"}},"
                    + "{\"sku\":\"SKU-2\",\"quantity\":1,\"unitPrice\":{\"amount\":\"5.00\",\"currency\":\"EUR\"}}]}";

    private EndToEndMain() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        LoadGenerator load = new LoadGenerator(
                Integer.parseInt(args[1]),
                Duration.ofMillis(Long.parseLong(args[2])),
                Duration.ofMillis(Long.parseLong(args[3])));
        Map<String, Object> result = new LinkedHashMap<>();

        try (BareServer bare = BareServer.start()) {
            URI orders = URI.create(bare.url() + "/orders");
            record(result, "bare", load.run(n -> post(orders, "bare-" + n, null), 202));
        }

        try (LocalPlatform platform = LocalPlatform.open(work.resolve("e2e-data"), Faults.none(), unthrottled())
                .start(0)) {
            URI orders = URI.create(platform.url() + "/orders");
            String token = LocalPlatform.issuer(work.resolve("e2e-data")).token("customer-bench", Duration.ofHours(1));
            LoadGenerator.Outcome outcome = load.run(n -> post(orders, "e2e-" + n, token), 202);
            record(result, "platform", outcome);
            // Every 202 is an acknowledged order: the store must hold exactly as many (the data folder starts empty).
            result.put("platform.acknowledged", outcome.acknowledgedInAll());
            result.put("platform.storedOrders", platform.store().orderCount());
        }
        JavaChild.writeResult(Path.of(args[4]), result);
        System.exit(0);
    }

    /** The bundled template with the HTTP API's route throttling raised far above what two cores can send. */
    static SamTemplate unthrottled() {
        SamTemplate template = SamTemplate.parse(SamTemplate.bundledText());
        String stage = HttpApi.stage(template, "OrdersHttpApi")
                .orElseThrow(() -> new IllegalStateException("the template has no stage for OrdersHttpApi"));
        Map<String, Object> properties =
                SamTemplate.mapOf(template.resources().get(stage).get("Properties"));
        Map<String, Object> routes = SamTemplate.mapOf(properties.get("DefaultRouteSettings"));
        routes.put("ThrottlingRateLimit", 1_000_000);
        routes.put("ThrottlingBurstLimit", 1_000_000);
        return template;
    }

    private static HttpRequest post(URI uri, String key, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(BODY));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    private static void record(Map<String, Object> result, String name, LoadGenerator.Outcome outcome) {
        result.put(name + ".throughput", outcome.throughput());
        result.put(name + ".p50", outcome.latencyMillis().median());
        result.put(name + ".p99", outcome.latencyMillis().percentile(99));
        result.put(name + ".succeeded", outcome.succeeded());
        result.put(name + ".throttled", outcome.throttled());
        result.put(name + ".failed", outcome.failed());
    }
}
