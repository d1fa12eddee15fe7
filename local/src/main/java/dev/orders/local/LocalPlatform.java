package dev.orders.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.api.OrderApiHandler;
import dev.orders.functions.shared.Json;
import dev.orders.local.auth.LocalIssuer;
import dev.orders.local.bus.LocalBus;
import dev.orders.local.bus.OutboxRelay;
import dev.orders.local.edge.CloudFrontEdge;
import dev.orders.local.gateway.HttpGateway;
import dev.orders.local.lambda.FunctionSettings;
import dev.orders.local.lambda.LocalFunction;
import dev.orders.local.payments.PaymentsAndNotifications;
import dev.orders.local.queue.LocalQueues;
import dev.orders.local.queue.SqsEventSourceMapping;
import dev.orders.local.store.Database;
import dev.orders.local.store.Faults;
import dev.orders.local.store.Outbox;
import dev.orders.local.store.SqliteOrderStore;
import dev.orders.local.stream.FulfillmentStreamPath;
import dev.orders.local.template.SamTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Every path of the platform in one process, wired as the SAM template deploys it: the same handler
 * classes, their settings from the template, local stand-ins for API Gateway, DynamoDB (+ Streams)
 * and EventBridge, with state under the data folder.
 */
public final class LocalPlatform implements AutoCloseable {

    static {
        // Locally, EMF lines go to stdout as they do in Lambda (the library would otherwise look for a CloudWatch agent).
        var emf = software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider.getConfig();
        emf.setEnvironmentOverride(software.amazon.cloudwatchlogs.emf.environment.Environments.Local);
        emf.setServiceName("orders");
        emf.setServiceType("local");
    }

    private final Path dataDir;
    private final Database db;
    private final SqliteOrderStore store;
    private final Outbox outbox;
    private final LocalBus bus;
    private final OutboxRelay relay;
    private final HttpGateway gateway;
    private final PaymentsAndNotifications payments;
    private final FulfillmentStreamPath fulfillment;
    private final Optional<CloudFrontEdge> edge;

    private LocalPlatform(Path dataDir, SamTemplate template, Faults faults) {
        this.dataDir = dataDir;
        Clock clock = Clock.systemUTC();
        this.db = new Database(dataDir.resolve("orders.db"));
        this.outbox = new Outbox(db);
        this.store = new SqliteOrderStore(db, outbox, faults);
        this.bus = new LocalBus(db, clock);
        this.relay = new OutboxRelay(outbox, bus);

        LocalIssuer issuer = LocalIssuer.open(dataDir, audience(template));
        Map<String, Object> throttling = SamTemplate.mapOf(template.properties("OrdersHttpApi").get("DefaultRouteSettings"));
        this.gateway = new HttpGateway(issuer.verifier(),
                // without route settings, the account-level defaults (10,000 requests/s, burst 5,000)
                template.number(throttling, "ThrottlingRateLimit").orElse(10_000d),
                template.integer(throttling, "ThrottlingBurstLimit").orElse(5_000));

        var orderApi = new LocalFunction<>(FunctionSettings.from(template, "OrderApiFunction"), new OrderApiHandler(store, clock));
        gateway.route("POST", "/orders", true, orderApi);
        gateway.route("GET", "/orders/{orderId}", true, orderApi);
        // SPEC P5: the template's CloudFront distribution (viewer-request function, response headers policy) in front.
        this.edge = CloudFrontEdge.open(template, dataDir);
        edge.ifPresent(gateway::edge);

        this.payments = new PaymentsAndNotifications(template, dataDir, new LocalQueues(db, clock), store, bus, gateway, clock,
                SqsEventSourceMapping.Timing.DEFAULT);
        this.fulfillment = new FulfillmentStreamPath(template, db, store, clock);
        fulfillment.register(gateway);

        gateway.local("health", (method, query, body) -> HttpGateway.Reply.json(200, health().toString()));
        gateway.local("events", (method, query, body) ->
                HttpGateway.Reply.json(200, bus.archive(Optional.ofNullable(query.get("detail-type"))).toString()));
    }

    /** Opens the data folder and recovers: whatever a crash left in the outbox is published first. */
    public static LocalPlatform open(Path dataDir, Faults faults) {
        return open(dataDir, faults, SamTemplate.bundled());
    }

    /** With another template: tests use it to run the same platform under other settings. */
    public static LocalPlatform open(Path dataDir, Faults faults, SamTemplate template) {
        LocalPlatform platform = new LocalPlatform(dataDir, template, faults);
        platform.relay.drain();
        return platform;
    }

    public LocalPlatform start(int port) throws IOException {
        relay.start();
        // GraalJS's start (about 2 s, once per JVM) is paid here, before the gateway accepts requests: a request
        // arriving while the engine starts would wait that long.
        edge.ifPresent(CloudFrontEdge::warmUp);
        payments.start();
        fulfillment.start();
        gateway.start(port);
        Files.writeString(dataDir.resolve("url"), url(), StandardCharsets.UTF_8);
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + gateway.port();
    }

    public HttpGateway gateway() {
        return gateway;
    }

    public SqliteOrderStore store() {
        return store;
    }

    public LocalBus bus() {
        return bus;
    }

    public PaymentsAndNotifications payments() {
        return payments;
    }

    public FulfillmentStreamPath fulfillment() {
        return fulfillment;
    }

    private ObjectNode health() {
        ObjectNode health = Json.internal().createObjectNode();
        health.put("status", "UP");
        ObjectNode components = health.putObject("components");
        components.putObject("store").put("status", "UP").put("orders", store.orderCount());
        components.putObject("outbox").put("status", "UP").put("unpublished", outbox.pendingCount());
        components.putObject("bus").put("status", "UP").put("pendingDeliveries", bus.pendingDeliveries());
        components.set("fulfillmentStream", fulfillment.health());
        components.putObject("gateway").put("status", "UP").put("url", url());
        edge.ifPresent(e -> components.set("edge", e.health()));
        return health;
    }

    private static String audience(SamTemplate template) {
        Object audience = SamTemplate.mapOf(SamTemplate.mapOf(template.tree().get("Parameters")).get("JwtAudience")).get("Default");
        return audience == null ? "orders-api" : audience.toString();
    }

    @Override
    public void close() {
        gateway.close();
        edge.ifPresent(CloudFrontEdge::close);
        payments.close();
        fulfillment.close();
        relay.close();
        db.close();
    }

    /** The issuer a client of this data folder gets tokens from. */
    public static LocalIssuer issuer(Path dataDir) {
        return LocalIssuer.open(dataDir, audience(SamTemplate.bundled()));
    }
}
