package dev.orders.functions.payments;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.orders.domain.payments.RecordingPayments;
import dev.orders.domain.port.OrderStore;
import dev.orders.functions.aws.AwsWiring;
import dev.orders.functions.shared.DeadLetters;
import dev.orders.functions.shared.Invocations;
import dev.orders.functions.shared.Metrics;
import dev.orders.functions.shared.QueueSender;
import java.time.Clock;

/**
 * P2 processing: the payment events queue, in batches, with partial batch responses
 * ({@link PaymentEventsBatch} says which message comes back and which goes to the DLQ with its reason).
 */
public final class PaymentEventsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final PaymentEventsBatch batch;

    /** AWS wiring: the order store and the DLQ's URL from the environment. */
    public PaymentEventsHandler() {
        this(AwsWiring.orderStore(), AwsWiring.queue(AwsWiring.PAYMENT_EVENTS_DLQ_URL), Clock.systemUTC());
    }

    public PaymentEventsHandler(OrderStore store, QueueSender deadLetters, Clock clock) {
        this.batch = new PaymentEventsBatch(
                new RecordingPayments(store, clock), new DeadLetters(deadLetters), new Metrics("PaymentEvents"));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return Invocations.logged(context, () -> batch.process(event));
    }
}
