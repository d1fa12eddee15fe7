package dev.orders.local.metrics;

import dev.orders.local.bus.LocalBus;
import dev.orders.local.gateway.HttpGateway;
import dev.orders.local.lambda.LambdaService;
import dev.orders.local.metrics.alarms.Alarms;
import dev.orders.local.metrics.alarms.SnsEmailAction;
import dev.orders.local.metrics.alarms.TemplateAlarms;
import dev.orders.local.metrics.api.CloudWatchService;
import dev.orders.local.metrics.dashboard.Dashboard;
import dev.orders.local.metrics.dashboard.DashboardBody;
import dev.orders.local.metrics.dashboard.PlatformState;
import dev.orders.local.metrics.emf.EmfIngest;
import dev.orders.local.metrics.runtime.BusMetrics;
import dev.orders.local.metrics.runtime.GatewayMetrics;
import dev.orders.local.metrics.runtime.LambdaMetrics;
import dev.orders.local.metrics.runtime.QueueMetrics;
import dev.orders.local.metrics.runtime.StreamMetrics;
import dev.orders.local.paths.Wiring;
import dev.orders.local.queue.LocalQueues;
import dev.orders.local.store.Database;
import dev.orders.local.stream.EventSourceMapping;
import dev.orders.local.stream.LocalStream;
import dev.orders.local.template.HttpApi;
import dev.orders.local.template.LocalNames;
import dev.orders.local.template.SamTemplate;
import dev.orders.local.time.ScaledTicker;
import dev.orders.local.time.TimeScale;
import dev.orders.local.views.LocalViews;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Metrics, alarms, the CloudWatch API and the dashboard of one platform, in their own SQLite file
 * ({@code DATA/metrics.db}, so flushing metrics never waits for an order's write): built from the template,
 * wired to the runtime's parts with {@link #wire}, started and closed with the platform.
 */
public final class Observability implements AutoCloseable {

    /** The time scale (1 = real time) and the template parameters that differ from their defaults. */
    public record Settings(double timeScale, Map<String, String> parameterOverrides) {
        public static final Settings DEFAULT = new Settings(1, Map.of());
    }

    private final Database db;
    private final TimeScale time;
    private final MetricsStore store;
    private final LocalNames names;
    private final Alarms alarms;
    private final LambdaMetrics lambda;
    private final EmfIngest emf;
    private final Path dataDir;
    private QueueMetrics queueMetrics;
    private ScaledTicker sampler;
    private Dashboard dashboard;

    public Observability(Path dataDir, SamTemplate template, Settings settings) {
        this.dataDir = dataDir;
        this.db = new Database(dataDir.resolve("metrics.db"));
        Instant resume = MetricsStore.latest(db).orElse(Instant.EPOCH);
        this.time = TimeScale.of(settings.timeScale(), resume);
        this.store = new MetricsStore(db, time);
        this.names = new LocalNames(template, settings.parameterOverrides());
        this.alarms = new Alarms(
                db, time, store, TemplateAlarms.load(names), new SnsEmailAction(names, dataDir.resolve("mailbox")));
        this.emf = new EmfIngest(store, time);
        this.lambda = new LambdaMetrics(store, time, emf);
    }

    /** Hooks the recorders into the runtime's parts and serves CloudWatch and the dashboard at the gateway. */
    public void wire(
            HttpGateway gateway,
            LocalViews views,
            LocalQueues queues,
            LocalBus bus,
            LocalStream stream,
            EventSourceMapping streamMapping,
            LambdaService functions,
            PlatformState platform) {
        functions.observe(lambda);
        streamMapping.reportIteratorAgeTo((function, shard, millis) -> lambda.iteratorAge(function, millis));
        stream.listen(new StreamMetrics(store, time));
        this.queueMetrics = new QueueMetrics(store, time, queues);
        queues.listen(queueMetrics);
        bus.listen(new BusMetrics(store, time));
        HttpApi api = HttpApi.of(names.template(), Wiring.API);
        String stage = HttpApi.stage(names.template(), api.logicalId())
                .map(id -> names.string(names.template().properties(id).get("StageName")))
                .orElse("$default");
        gateway.observe(new GatewayMetrics(store, time, names.ref(api.logicalId()), stage));
        gateway.aws().register(new CloudWatchService(store, alarms, time));
        this.dashboard = new Dashboard(DashboardBody.load(names), new MetricDataQueries(store), alarms, platform, time);
        dashboard.register(views);
    }

    public Observability start() {
        store.start();
        alarms.start();
        if (queueMetrics != null) {
            sampler = new ScaledTicker("sqs-metrics", time, Duration.ofMinutes(1), queueMetrics::sample);
        }
        return this;
    }

    public TimeScale time() {
        return time;
    }

    public MetricsStore store() {
        return store;
    }

    public MetricsRecorder recorder() {
        return store;
    }

    public Alarms alarms() {
        return alarms;
    }

    public EmfIngest emf() {
        return emf;
    }

    public LambdaMetrics lambda() {
        return lambda;
    }

    public Dashboard dashboard() {
        return dashboard;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.close();
        }
        alarms.close();
        store.close();
        db.close();
    }
}
