package dev.orders.functions.outbox;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.orders.functions.aws.AwsWiring;
import dev.orders.functions.shared.Invocations;

/**
 * The outbox's second half (a known trap: writing the order and publishing its event are not one transaction): the
 * orders table's stream carries each new outbox item here, and this puts it on the bus as source {@code orders} with the event's detail-type ({@link OutboxBatch}).
 */
public final class OutboxPublisherHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private final OutboxBatch batch;

    public OutboxPublisherHandler() {
        this(AwsWiring.eventPublisher());
    }

    public OutboxPublisherHandler(EventPublisher publisher) {
        this.batch = new OutboxBatch(publisher);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return Invocations.logged(context, () -> batch.process(event));
    }
}
