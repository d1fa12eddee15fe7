package dev.orders.functions.fulfillment;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.orders.domain.fulfillment.HoldingFulfillment;
import dev.orders.domain.port.OrderStore;
import dev.orders.domain.port.Quarantine;
import dev.orders.functions.aws.AwsWiring;
import dev.orders.functions.shared.Invocations;
import dev.orders.functions.shared.Metrics;
import java.time.Clock;
import java.time.Duration;

/**
 * Fulfillment needs payment: the hold queue's consumer ({@code SQSEvent} → {@code SQSBatchResponse}, with
 * {@code ReportBatchItemFailures}). Retries each held record until its order is paid, or quarantines it with
 * its reason once it has waited {@code PAYMENT_WAIT_SECONDS} ({@link HeldRecords}).
 */
public final class FulfillmentHoldHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final HeldRecords records;

    /** AWS wiring: adapters and the payment wait from environment variables, built once per execution environment. */
    public FulfillmentHoldHandler() {
        this(AwsWiring.orderStore(), AwsWiring.fulfillmentQuarantine(), AwsWiring.paymentWait(), Clock.systemUTC());
    }

    public FulfillmentHoldHandler(OrderStore store, Quarantine quarantine, Duration paymentWait, Clock clock) {
        this.records = new HeldRecords(
                new HoldingFulfillment(store, paymentWait), quarantine, clock, new Metrics("FulfillmentHold"));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return Invocations.logged(context, () -> records.process(event));
    }
}
