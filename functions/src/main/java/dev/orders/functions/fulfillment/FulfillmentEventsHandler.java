package dev.orders.functions.fulfillment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.orders.domain.fulfillment.RecordingFulfillment;
import dev.orders.domain.port.OrderStore;
import dev.orders.domain.port.Quarantine;
import dev.orders.functions.aws.AwsWiring;
import dev.orders.functions.shared.Metrics;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.time.Clock;

/**
 * SPEC P3: the fulfillment stream's consumer ({@code KinesisEvent} → {@code StreamsEventResponse},
 * with {@code ReportBatchItemFailures} on the event source mapping).
 */
public final class FulfillmentEventsHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {

    private final FulfillmentBatch batch;

    /** AWS wiring: adapters from environment variables, built once per execution environment. */
    public FulfillmentEventsHandler() {
        this(AwsWiring.orderStore(), AwsWiring.fulfillmentQuarantine(), Clock.systemUTC());
    }

    public FulfillmentEventsHandler(OrderStore store, Quarantine quarantine, Clock clock) {
        this.batch = new FulfillmentBatch(new RecordingFulfillment(store), quarantine, clock, new Metrics("FulfillmentEvents"));
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> batch.process(event));
    }
}
