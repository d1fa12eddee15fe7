package dev.orders.local.lambdaapi;

import dev.orders.local.asyncinvoke.EventInvokeConfigs;
import dev.orders.local.asyncinvoke.LocalAsyncInvocations;
import dev.orders.local.auth.LocalIssuer;
import dev.orders.local.gateway.HttpGateway;
import dev.orders.local.lambda.LocalLambda;
import dev.orders.local.queue.LocalQueues;
import dev.orders.local.queue.QueueSettings;
import dev.orders.local.store.Database;
import dev.orders.local.time.TimeScale;
import dev.orders.local.views.AsyncEventsView;
import dev.orders.local.views.LocalViews;
import dev.orders.local.views.VersionsInUseView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The Lambda API served at a real local endpoint over a given {@link LocalLambda}, wired as the platform wires it (the
 * router, the asynchronous engine on a database in {@code data}, the queues its destinations use, the two views), and
 * its URL written to {@code DATA/url} as {@code ./orders up} does, so the commands find it.
 */
public final class LambdaEndpoint implements AutoCloseable {

    public static final String FAILURES = "AsyncFailures";
    public static final String SUCCESSES = "AsyncSuccesses";
    public static final String DEAD_LETTERS = "AsyncDeadLetters";

    private final Database db;
    private final LocalQueues queues;
    private final LocalAsyncInvocations async;
    private final HttpGateway gateway;

    public LambdaEndpoint(
            Path data, LocalLambda lambda, EventInvokeConfigs configs, VersionsInUse inUse, TimeScale time)
            throws IOException {
        this.db = new Database(data.resolve("orders.db"));
        this.queues = new LocalQueues(db, time)
                .declare(QueueSettings.of(FAILURES, Duration.ofSeconds(30)))
                .declare(QueueSettings.of(SUCCESSES, Duration.ofSeconds(30)))
                .declare(QueueSettings.of(DEAD_LETTERS, Duration.ofSeconds(30)));
        this.async = new LocalAsyncInvocations(lambda, db, configs, queues, time).start();
        this.gateway = new HttpGateway(LocalIssuer.open(data, "orders-api").verifier(), 10_000, 5_000);
        gateway.aws().register(new LambdaApi(lambda, async, inUse));
        gateway.local(new LocalViews()
                .register("async-events", new AsyncEventsView(async, time::instant))
                .register("versions-in-use", new VersionsInUseView(lambda, inUse)));
        gateway.start(0);
        Files.writeString(data.resolve("url"), url(), StandardCharsets.UTF_8);
    }

    public LambdaEndpoint(Path data, LocalLambda lambda) throws IOException {
        this(data, lambda, EventInvokeConfigs.NONE, VersionsInUse.NONE, TimeScale.of(1, Instant.now()));
    }

    public String url() {
        return "http://127.0.0.1:" + gateway.port();
    }

    public LocalQueues queues() {
        return queues;
    }

    public LocalAsyncInvocations async() {
        return async;
    }

    @Override
    public void close() {
        gateway.close();
        async.close();
        db.close();
    }
}
