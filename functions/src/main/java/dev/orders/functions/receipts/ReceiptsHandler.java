package dev.orders.functions.receipts;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.orders.domain.port.OrderStore;
import dev.orders.domain.receipts.AttachingReceipts;
import dev.orders.functions.aws.AwsWiring;
import dev.orders.functions.shared.Invocations;
import dev.orders.functions.shared.Metrics;
import java.time.Clock;

/**
 * P4: S3's object-created notifications for {@code receipts/} (asynchronous invocation: a thrown error is
 * retried by Lambda, twice, then sent to the OnFailure destination). Each upload becomes a receipt on its order or a
 * rejection in {@code quarantine/} ({@link ReceiptIntake}).
 */
public final class ReceiptsHandler implements RequestHandler<S3Event, Void> {

    private final ReceiptIntake intake;

    /** AWS wiring: the orders table, the receipts bucket and /tmp sized by the template, from environment variables. */
    public ReceiptsHandler() {
        this(AwsWiring.orderStore(), AwsWiring.receiptObjects(), AwsWiring.scratchSpace(), Clock.systemUTC());
    }

    public ReceiptsHandler(OrderStore store, ReceiptObjects objects, ScratchSpace scratch, Clock clock) {
        this.intake = new ReceiptIntake(new AttachingReceipts(store), objects, scratch, clock, new Metrics("Receipts"));
    }

    @Override
    public Void handleRequest(S3Event event, Context context) {
        return Invocations.logged(context, () -> {
            intake.process(event, context.getAwsRequestId());
            return null;
        });
    }
}
