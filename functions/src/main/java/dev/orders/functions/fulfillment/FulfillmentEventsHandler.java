package dev.orders.functions.fulfillment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.orders.domain.fulfillment.RecordingFulfillment;
import dev.orders.domain.port.OrderStore;
import dev.orders.domain.port.Quarantine;
import dev.orders.functions.aws.AwsWiring;
import dev.orders.functions.shared.Invocations;
import dev.orders.functions.shared.Metrics;
import dev.orders.functions.shared.QueueSender;
import java.time.Clock;

/**
 * P3: the fulfillment stream's consumer ({@code KinesisEvent} → {@code StreamsEventResponse},
 * with {@code ReportBatchItemFailures} on the event source mapping).
 */
public final class FulfillmentEventsHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {

    private final FulfillmentBatch batch;

    /** AWS wiring: adapters from environment variables, built once per execution environment. */
    public FulfillmentEventsHandler() {
        this(
                AwsWiring.orderStore(),
                AwsWiring.fulfillmentQuarantine(),
                AwsWiring.queue(AwsWiring.FULFILLMENT_HOLD_QUEUE_URL),
                Clock.systemUTC());
    }

    public FulfillmentEventsHandler(OrderStore store, Quarantine quarantine, QueueSender hold, Clock clock) {
        this.batch = new FulfillmentBatch(
                new RecordingFulfillment(store),
                quarantine,
                new FulfillmentHold(hold),
                clock,
                new Metrics("FulfillmentEvents"));
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        return Invocations.logged(context, () -> batch.process(event));
    }
}
