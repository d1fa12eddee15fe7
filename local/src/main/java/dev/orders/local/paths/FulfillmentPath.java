package dev.orders.local.paths;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.orders.domain.port.Quarantine;
import dev.orders.functions.fulfillment.FulfillmentEventsHandler;
import dev.orders.functions.fulfillment.FulfillmentHoldHandler;
import dev.orders.functions.shared.QueueSender;
import dev.orders.local.gateway.HttpGateway;
import dev.orders.local.lambda.FunctionWiring;
import dev.orders.local.lambda.LocalFunction;
import dev.orders.local.queue.LocalQuarantine;
import dev.orders.local.queue.MappingSettings;
import dev.orders.local.queue.SqsEventSourceMapping;
import dev.orders.local.store.Database;
import dev.orders.local.stream.EventSourceMapping;
import dev.orders.local.stream.KinesisApi;
import dev.orders.local.stream.KinesisMappingSettings;
import dev.orders.local.stream.LocalStream;
import dev.orders.local.template.SamTemplate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * P3: the {@code FulfillmentStream} (fed through the Kinesis API at the base URL), its event source
 * mapping into {@code FulfillmentEventsFunction}, poison records to {@code FulfillmentQuarantineQueue} and
 * discarded batches to the mapping's OnFailure queue ({@code FulfillmentFailureQueue}): both are queues of
 * the local SQS stand-in, declared from the template like every other queue. Records of orders not paid yet
 * are held on {@code FulfillmentHoldQueue}, whose SQS event source mapping invokes
 * {@code FulfillmentHoldFunction} until the payment arrives or the template's wait runs out.
 */
public final class FulfillmentPath implements TriggerPath {

    public static final String STREAM = "FulfillmentStream";
    public static final String FUNCTION = "FulfillmentEventsFunction";
    public static final String QUARANTINE = "FulfillmentQuarantineQueue";
    public static final String FAILURES = "FulfillmentFailureQueue";
    public static final String HOLD_QUEUE = "FulfillmentHoldQueue";
    public static final String HOLD_FUNCTION = "FulfillmentHoldFunction";

    /** Locally, between retries of a failing batch: 0.5 s doubling to 10 s. */
    static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);

    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final LocalStream stream;
    private final LocalFunction<KinesisEvent, StreamsEventResponse> function;
    private final EventSourceMapping mapping;
    private final SqsEventSourceMapping holdMapping;
    private final String failures;
    private final ScheduledExecutorService retention = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("stream-retention").factory());

    public FulfillmentPath(Wiring wiring) {
        Database db = wiring.db();
        KinesisMappingSettings settings = KinesisMappingSettings.from(wiring.template(), FUNCTION);
        this.stream = LocalStream.fromTemplate(db, wiring.template(), settings.streamLogicalId(), wiring.clock());
        this.failures = settings.onFailureLogicalId().orElse(FAILURES);
        Optional<QueueSender> onFailure =
                settings.onFailureLogicalId().map(queue -> wiring.queues().sender(queue));
        Quarantine quarantine = new LocalQuarantine(wiring.queues().sender(QUARANTINE));
        this.function =
                wiring.function(fulfillmentEvents(wiring, quarantine), KinesisEvent.class, StreamsEventResponse.class);
        this.mapping = new EventSourceMapping(
                settings, stream, function, db, onFailure, wiring.clock(), INITIAL_BACKOFF, MAX_BACKOFF);
        this.holdMapping = new SqsEventSourceMapping(
                wiring.queues(),
                MappingSettings.from(wiring.template(), HOLD_FUNCTION),
                wiring.function(hold(wiring, quarantine), SQSEvent.class, SQSBatchResponse.class),
                wiring.clock(),
                wiring.sqsTiming());
    }

    /** {@code FulfillmentEventsFunction}: which handler class, with which ports. */
    static FunctionWiring fulfillmentEvents(Wiring wiring, Quarantine quarantine) {
        return FunctionWiring.of(FUNCTION, FulfillmentEventsHandler.class)
                .store("orders", wiring.store())
                .quarantine(QUARANTINE, quarantine)
                .queue(HOLD_QUEUE, wiring.queues().sender(HOLD_QUEUE))
                .clock(wiring.clock());
    }

    /** {@code FulfillmentHoldFunction}: which handler class, with which ports. */
    static FunctionWiring hold(Wiring wiring, Quarantine quarantine) {
        return FunctionWiring.of(HOLD_FUNCTION, FulfillmentHoldHandler.class)
                .store("orders", wiring.store())
                .quarantine(QUARANTINE, quarantine)
                .value(paymentWait(wiring.template()))
                .clock(wiring.clock());
    }

    /** The hold function's {@code PAYMENT_WAIT_SECONDS}, as the template sets it. */
    static Duration paymentWait(SamTemplate template) {
        Object seconds = SamTemplate.mapOf(
                        SamTemplate.mapOf(template.properties(HOLD_FUNCTION).get("Environment"))
                                .get("Variables"))
                .get("PAYMENT_WAIT_SECONDS");
        if (seconds == null) {
            throw new IllegalStateException(HOLD_FUNCTION + " has no PAYMENT_WAIT_SECONDS in the template");
        }
        return Duration.ofSeconds(Long.parseLong(seconds.toString()));
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
        holdMapping.start();
    }

    public LocalStream stream() {
        return stream;
    }

    public EventSourceMapping mapping() {
        return mapping;
    }

    public SqsEventSourceMapping holdMapping() {
        return holdMapping;
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
        holdMapping.close();
        mapping.close();
    }

    @Override
    public List<LocalFunction<?, ?>> functions() {
        return List.of(function, holdMapping.function());
    }
}
