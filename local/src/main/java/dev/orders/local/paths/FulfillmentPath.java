package dev.orders.local.paths;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.orders.domain.port.Quarantine;
import dev.orders.functions.fulfillment.FulfillmentEventsHandler;
import dev.orders.functions.shared.QueueSender;
import dev.orders.local.gateway.HttpGateway;
import dev.orders.local.queue.LocalQuarantine;
import dev.orders.local.store.Database;
import dev.orders.local.stream.EventSourceMapping;
import dev.orders.local.stream.KinesisApi;
import dev.orders.local.stream.KinesisMappingSettings;
import dev.orders.local.stream.LocalStream;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * SPEC P3: the {@code FulfillmentStream} (fed through the Kinesis API at the base URL), its event source
 * mapping into {@code FulfillmentEventsFunction}, poison records to {@code FulfillmentQuarantineQueue} and
 * discarded batches to the mapping's OnFailure queue ({@code FulfillmentFailureQueue}): both are queues of
 * the local SQS stand-in, declared from the template like every other queue.
 */
public final class FulfillmentPath implements TriggerPath {

    public static final String STREAM = "FulfillmentStream";
    public static final String FUNCTION = "FulfillmentEventsFunction";
    public static final String QUARANTINE = "FulfillmentQuarantineQueue";
    public static final String FAILURES = "FulfillmentFailureQueue";

    /** Locally, between retries of a failing batch: 0.5 s doubling to 10 s. */
    static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final LocalStream stream;
    private final EventSourceMapping mapping;
    private final String failures;
    private final ScheduledExecutorService retention = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("stream-retention").factory());

    public FulfillmentPath(Wiring wiring) {
        Database db = wiring.db();
        KinesisMappingSettings settings = KinesisMappingSettings.from(wiring.template(), FUNCTION);
        this.stream = LocalStream.fromTemplate(db, wiring.template(), settings.streamLogicalId(), wiring.clock());
        this.failures = settings.onFailureLogicalId().orElse(FAILURES);
        Optional<QueueSender> onFailure = settings.onFailureLogicalId().map(queue -> wiring.queues().sender(queue));
        var function = wiring.function(FUNCTION, fulfillmentEventsHandler(wiring, new LocalQuarantine(wiring.queues().sender(QUARANTINE))));
        this.mapping = new EventSourceMapping(settings, stream, function, db, onFailure, wiring.clock(), INITIAL_BACKOFF, MAX_BACKOFF);
    }

    /** {@code FulfillmentEventsFunction}: which handler class, with which ports. */
    static RequestHandler<KinesisEvent, StreamsEventResponse> fulfillmentEventsHandler(Wiring wiring, Quarantine quarantine) {
        return new FulfillmentEventsHandler(wiring.store(), quarantine, wiring.clock());
    }

    /** The Kinesis JSON protocol at the base URL, so the AWS CLI and SDKs can put records. */
    @Override
    public void serve(HttpGateway gateway) {
        gateway.aws().register(new KinesisApi(List.of(stream)));
    }

    @Override
    public void start() {
        stream.trim();
        retention.scheduleWithFixedDelay(stream::trim, 1, 1, TimeUnit.MINUTES);
        mapping.start();
    }

    public LocalStream stream() {
        return stream;
    }

    public EventSourceMapping mapping() {
        return mapping;
    }

    /** The queues this path sends to and nothing consumes: the quarantine and the OnFailure destination. */
    public List<String> destinations() {
        return List.of(QUARANTINE, failures);
    }

    public String failures() {
        return failures;
    }

    @Override
    public void close() {
        retention.shutdownNow();
        mapping.close();
    }
}
