package dev.orders.local;

import dev.orders.local.asyncinvoke.EventInvokeConfigs;
import dev.orders.local.asyncinvoke.LocalAsyncInvocations;
import dev.orders.local.auth.LocalIssuer;
import dev.orders.local.bus.LocalBus;
import dev.orders.local.bus.OutboxRelay;
import dev.orders.local.bus.Target;
import dev.orders.local.bus.TemplateRules;
import dev.orders.local.deploy.CodeDeployApi;
import dev.orders.local.deploy.DeploymentPreference;
import dev.orders.local.deploy.Deployments;
import dev.orders.local.deploy.DeploymentsView;
import dev.orders.local.deploy.HookExecutions;
import dev.orders.local.faults.FunctionFaults;
import dev.orders.local.faults.InjectedFaults;
import dev.orders.local.gateway.ClientErrors;
import dev.orders.local.gateway.HttpGateway;
import dev.orders.local.lambda.LambdaObserver;
import dev.orders.local.lambda.LambdaService;
import dev.orders.local.lambda.LambdaSettings;
import dev.orders.local.lambdaapi.LambdaApi;
import dev.orders.local.metrics.Observability;
import dev.orders.local.metrics.dashboard.LocalPlatformState;
import dev.orders.local.metrics.dashboard.PlatformState;
import dev.orders.local.metrics.runtime.AsyncInvocationMetrics;
import dev.orders.local.metrics.runtime.FaultMetrics;
import dev.orders.local.paths.DeploymentHooksPath;
import dev.orders.local.paths.EdgePath;
import dev.orders.local.paths.FulfillmentPath;
import dev.orders.local.paths.NotificationsPath;
import dev.orders.local.paths.OrderApiPath;
import dev.orders.local.paths.PaymentsPath;
import dev.orders.local.paths.ReceiptsPath;
import dev.orders.local.paths.TriggerPath;
import dev.orders.local.paths.Wiring;
import dev.orders.local.queue.LocalQueues;
import dev.orders.local.queue.QueueTarget;
import dev.orders.local.queue.SqsEventSourceMapping;
import dev.orders.local.store.Database;
import dev.orders.local.store.Faults;
import dev.orders.local.store.Outbox;
import dev.orders.local.store.SqliteOrderStore;
import dev.orders.local.template.HttpApi;
import dev.orders.local.template.LocalNames;
import dev.orders.local.template.SamTemplate;
import dev.orders.local.time.ScaledTicker;
import dev.orders.local.views.AsyncEventsView;
import dev.orders.local.views.EventsView;
import dev.orders.local.views.FaultsView;
import dev.orders.local.views.HealthView;
import dev.orders.local.views.LocalViews;
import dev.orders.local.views.OrderTotalView;
import dev.orders.local.views.QueueMessagesView;
import dev.orders.local.views.QueuesView;
import dev.orders.local.views.StreamsView;
import dev.orders.local.views.VersionsInUseView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every path of the platform in one process, wired as the SAM template deploys it: the local stand-ins for
 * API Gateway, DynamoDB (+ Streams), SQS, Kinesis and EventBridge with state under the data folder, each
 * path in its own room ({@code paths/}), and the local-only views under {@code /_local/}.
 */
public final class LocalPlatform implements AutoCloseable {

    static {
        // Locally, EMF lines go to stdout as they do in Lambda (the library would otherwise look for a CloudWatch
        // agent).
        var emf = software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider.getConfig();
        emf.setEnvironmentOverride(software.amazon.cloudwatchlogs.emf.environment.Environments.Local);
        emf.setServiceName("orders");
        emf.setServiceType("local");
    }

    /** How often (in the platform's time) each fault on is recorded in FaultActive. */
    private static final Duration FAULT_SAMPLE = Duration.ofSeconds(5);

    private final Path dataDir;
    private final Database db;
    private final SqliteOrderStore store;
    private final Outbox outbox;
    private final LocalQueues queues;
    private final LocalBus bus;
    private final OutboxRelay relay;
    private final HttpGateway gateway;
    private final OrderApiPath orderApi;
    private final PaymentsPath payments;
    private final NotificationsPath notifications;
    private final FulfillmentPath fulfillment;
    private final EdgePath edge;
    private final ReceiptsPath receipts;
    private final List<TriggerPath> paths;
    private final Observability observability;
    private final LambdaService lambda;
    private final LocalAsyncInvocations async;
    private final List<String> deployment;
    private final DeploymentHooksPath hooks;
    private final Deployments deployments;
    private final InjectedFaults injected;
    private ScaledTicker faultSampler;

    private LocalPlatform(
            Path dataDir,
            SamTemplate template,
            Faults faults,
            Observability.Settings settings,
            LambdaSettings lambdaSettings) {
        this.dataDir = dataDir;
        Clock clock = Clock.systemUTC();
        this.db = new Database(dataDir.resolve("orders.db"));
        this.outbox = new Outbox(db);
        this.store = new SqliteOrderStore(db, outbox, faults);
        this.queues = new LocalQueues(db, clock).declareAll(template);
        this.bus = new LocalBus(db, clock);
        this.relay = new OutboxRelay(outbox, bus);
        TemplateRules.load(
                        template,
                        id -> template.type(id).equals("AWS::SQS::Queue")
                                ? Optional.<Target>of(new QueueTarget(queues, id))
                                : Optional.empty())
                .forEach(bus::addRule);

        LocalIssuer issuer = LocalIssuer.open(dataDir, audience(template));
        // The stage's route throttling; without route settings, the account-level defaults (10,000 requests/s, burst
        // 5,000).
        HttpApi.Throttling throttling = HttpApi.of(template, "OrdersHttpApi").throttling();
        this.gateway = new HttpGateway(issuer.verifier(), throttling.rateLimit(), throttling.burstLimit());

        this.observability = new Observability(dataDir, template, settings);
        this.lambda = LambdaService.open(dataDir, db, lambdaSettings);
        // Lambda's internal queue for asynchronous invocations (the Lambda API's Event invokes, S3's notifications).
        this.async = new LocalAsyncInvocations(
                        lambda, db, EventInvokeConfigs.from(template), queues, observability.time())
                .listen(new AsyncInvocationMetrics(observability.recorder(), observability.time()));
        Wiring wiring = new Wiring(
                template, dataDir, clock, db, store, queues, bus, SqsEventSourceMapping.Timing.DEFAULT, lambda);
        this.receipts = new ReceiptsPath(wiring, () -> java.net.URI.create(url()), async);
        this.orderApi = new OrderApiPath(wiring, receipts.uploadLinks());
        this.payments = new PaymentsPath(wiring);
        this.notifications = new NotificationsPath(wiring);
        this.fulfillment = new FulfillmentPath(wiring);
        this.edge = new EdgePath(wiring);
        this.hooks = new DeploymentHooksPath(wiring);
        this.paths = List.of(orderApi, payments, notifications, fulfillment, receipts, edge, hooks);
        paths.forEach(path -> path.serve(gateway));
        this.injected =
                new InjectedFaults(observability.time(), new FaultMetrics(observability.recorder()), lambda::names);
        // ./orders deploy: CodeDeploy's deployments of the template's DeploymentPreference, its hooks' endpoint,
        // --inject's faults (which the injected faults apply and list).
        HookExecutions hookExecutions = new HookExecutions();
        gateway.aws().register(new CodeDeployApi(hookExecutions));
        this.deployments = new Deployments(
                lambda,
                async,
                observability.alarms(),
                observability.time(),
                db,
                DeploymentPreference.load(new LocalNames(template, settings.parameterOverrides())),
                hooks,
                template,
                injected.deployment(),
                hookExecutions);
        gateway.aws().register(new LambdaApi(lambda, async, deployments));

        // Injected faults: every port call and every invocation of every version passes them, and each trigger path
        // asks them before it completes a delivery.
        lambda.intercept(injected);
        lambda.interceptInvocations(injected);
        gateway.deliveryFaults(injected);
        List.of(payments.mapping(), notifications.mapping(), fulfillment.holdMapping())
                .forEach(m -> m.deliveryFaults(injected));
        fulfillment.stream().deliveryFaults(injected);
        bus.deliveryFaults(injected);
        relay.serviceFaults(injected);
        fulfillment.mapping().serviceFaults(injected);

        LocalViews views = views();
        observability.wire(
                gateway,
                views,
                queues,
                bus,
                fulfillment.stream(),
                fulfillment.mapping(),
                lambda,
                new LocalPlatformState(
                                queues,
                                fulfillment.stream(),
                                fulfillment.mapping(),
                                bus,
                                lambda,
                                () -> deployments
                                        .current()
                                        .map(d -> new PlatformState.Deployment(
                                                d.function(),
                                                d.fromVersion(),
                                                d.toVersion(),
                                                d.phase()
                                                        + (d.phase().equals("AllowTraffic")
                                                                ? " " + Math.round(d.weight() * 100) + " %"
                                                                : ""),
                                                d.status(),
                                                d.started().toString())))
                        .faults(() -> injected.list().stream()
                                .map(l -> new PlatformState.Fault(
                                        l.fault().id(),
                                        l.fault().target(),
                                        l.fault().describe(),
                                        l.fault().endsAt().map(Object::toString),
                                        l.applied()))
                                .toList()));
        lambda.observe(LambdaObserver.both(lambda.observer(), deployments.observer()));
        gateway.local(views);
        // As a first `sam deploy` (or one after a code change) does: publish what changed, point live at it.
        this.deployment = lambda.deploy();
    }

    record StoreHealth(long orders) {}

    record OutboxHealth(long unpublished) {}

    record BusHealth(long pendingDeliveries) {}

    record StreamHealth(String stream, long quarantined, long failedBatches) {}

    record ReceiptsHealth(String bucket, long objects, long pendingNotifications) {}

    record GatewayHealth(String url, List<String> awsServices, ClientErrors.Snapshot clientErrors) {}

    record MetricsHealth(double timeScale, int alarms, long alarmsInAlarm, long emfDocuments, long emfRejected) {}

    /** Every {@code /_local/} endpoint, in one list. */
    private LocalViews views() {
        return new LocalViews()
                .register(
                        "health",
                        new HealthView()
                                .component("store", () -> new StoreHealth(store.orderCount()))
                                .component("outbox", () -> new OutboxHealth(outbox.pendingCount()))
                                .component("bus", () -> new BusHealth(bus.pendingDeliveries()))
                                .component(
                                        "fulfillmentStream",
                                        () -> new StreamHealth(
                                                fulfillment.stream().name(),
                                                queues.counts(FulfillmentPath.QUARANTINE)
                                                        .depth(),
                                                queues.counts(fulfillment.failures())
                                                        .depth()))
                                .component(
                                        "receipts",
                                        () -> new ReceiptsHealth(
                                                ReceiptsPath.bucket(),
                                                receipts.s3().count(ReceiptsPath.bucket()),
                                                receipts.s3().pendingNotifications()))
                                .component(
                                        "gateway",
                                        () -> new GatewayHealth(
                                                url(), gateway.aws().signingNames(), gateway.clientErrors()))
                                .component(
                                        "metrics",
                                        () -> new MetricsHealth(
                                                observability.time().factor(),
                                                observability
                                                        .alarms()
                                                        .definitions()
                                                        .size(),
                                                observability.alarms().inAlarm(),
                                                observability.emf().acceptedDocuments(),
                                                observability.emf().rejectedDocuments()))
                                .component("edge", () -> edge.health().orElse(null)))
                .register("events", new EventsView(bus))
                .register(
                        "queues",
                        new QueuesView(
                                queues,
                                () -> List.of(payments.mapping(), notifications.mapping(), fulfillment.holdMapping())))
                .register(
                        "streams",
                        new StreamsView(
                                List.of(fulfillment.stream()),
                                List.of(fulfillment.mapping()),
                                queues,
                                fulfillment.destinations()))
                .register("quarantine", new QueueMessagesView(queues, FulfillmentPath.QUARANTINE))
                .register("stream-failures", new QueueMessagesView(queues, fulfillment.failures()))
                .register("order-total", new OrderTotalView(store))
                .register("async-events", new AsyncEventsView(async, observability.time()::instant))
                .register("versions-in-use", new VersionsInUseView(lambda, deployments))
                .register("deployments", new DeploymentsView(deployments))
                .register("faults", new FaultsView(injected, observability.time()));
    }

    /** Opens the data folder and recovers: whatever a crash left in the outbox is published first. */
    public static LocalPlatform open(Path dataDir, Faults faults) {
        return open(dataDir, faults, SamTemplate.bundled());
    }

    /** With another template: tests use it to run the same platform under other settings. */
    public static LocalPlatform open(Path dataDir, Faults faults, SamTemplate template) {
        return open(dataDir, faults, template, Observability.Settings.DEFAULT);
    }

    /** With a time scale and template parameter overrides (metrics, alarms and their actions read them). */
    public static LocalPlatform open(
            Path dataDir, Faults faults, SamTemplate template, Observability.Settings settings) {
        return open(dataDir, faults, template, settings, LambdaSettings.DEFAULT);
    }

    /** With the account's Lambda settings (concurrency limit, scaling rate, idle timeout), as a drill scales them. */
    public static LocalPlatform open(
            Path dataDir,
            Faults faults,
            SamTemplate template,
            Observability.Settings settings,
            LambdaSettings lambdaSettings) {
        LocalPlatform platform = new LocalPlatform(dataDir, template, faults, settings, lambdaSettings);
        platform.relay.drain();
        return platform;
    }

    public LocalPlatform start(int port) throws IOException {
        relay.start();
        async.start();
        paths.forEach(TriggerPath::start);
        // after the paths' own start-up (GraalJS's warm-up takes seconds): alarm periods start when the platform serves
        observability.start();
        faultSampler = new ScaledTicker("fault-metrics", observability.time(), FAULT_SAMPLE, injected::sample);
        gateway.start(port);
        hooks.endpoint(this::url);
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

    public LocalQueues queues() {
        return queues;
    }

    public LocalBus bus() {
        return bus;
    }

    public FulfillmentPath fulfillment() {
        return fulfillment;
    }

    public ReceiptsPath receipts() {
        return receipts;
    }

    /** The faults injected into the running platform ({@code /_local/faults}). */
    public InjectedFaults faults() {
        return injected;
    }

    public Observability observability() {
        return observability;
    }

    /** Lambda as the platform runs it: versions, aliases, environments, concurrency. */
    public LambdaService lambda() {
        return lambda;
    }

    /** CodeDeploy's deployments of new versions ({@code ./orders deploy}). */
    public Deployments deployments() {
        return deployments;
    }

    /** The function-level faults in force ({@code ./orders deploy --inject}). */
    public FunctionFaults functionFaults() {
        return injected.deployment();
    }

    /** What opening the platform published: one line per function whose code or configuration changed (none when nothing did). */
    public List<String> deployment() {
        return deployment;
    }

    /** Where a person looks at the platform: the dashboard. */
    public String dashboardUrl() {
        return url() + "/";
    }

    private static String audience(SamTemplate template) {
        Object audience = SamTemplate.mapOf(
                        SamTemplate.mapOf(template.tree().get("Parameters")).get("JwtAudience"))
                .get("Default");
        return audience == null ? "orders-api" : audience.toString();
    }

    @Override
    public void close() {
        deployments.close();
        if (faultSampler != null) {
            faultSampler.close();
        }
        gateway.close();
        paths.reversed().forEach(TriggerPath::close);
        relay.close();
        async.close();
        lambda.close();
        observability.close();
        db.close();
    }

    /**
     * The issuer a client of this data folder gets tokens from, for the bundled template's audience (a constant held
     * to the template by a test: no template parse for a token).
     */
    public static LocalIssuer issuer(Path dataDir) {
        return LocalIssuer.open(dataDir, LocalIssuer.BUNDLED_AUDIENCE);
    }
}
