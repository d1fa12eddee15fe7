package dev.orders.functions.payments;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.orders.domain.order.OrderStatus;
import dev.orders.domain.payments.RecordingPayments;
import dev.orders.domain.payments.RecordingPayments.Outcome;
import dev.orders.domain.port.OrderStore;
import dev.orders.functions.aws.AwsWiring;
import dev.orders.functions.aws.AwsQueues;
import dev.orders.functions.shared.Metrics;
import dev.orders.functions.shared.SqsBatch;
import dev.orders.functions.shared.QueueSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.time.Clock;
import java.util.Map;

/**
 * SPEC P2 processing: the payment events queue, in batches, with partial batch responses. Only an
 * order that is not visible yet (or a failing store) reports its message as failed, so SQS retries
 * that message alone. A message that can never apply (undecodable, amount mismatch) is sent to the
 * dead-letter queue by this handler with its reason, then reported as done: redrive would carry no
 * reason and would hold the message for maxReceiveCount × visibility timeout first.
 */
public final class PaymentEventsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentEventsHandler.class);
    public static final String REASON_ATTRIBUTE = "RejectionReason";

    private final RecordingPayments payments;
    private final QueueSender deadLetters;
    private final Metrics metrics = new Metrics("PaymentEvents");

    /** AWS wiring: the order store and the DLQ's URL from the environment. */
    public PaymentEventsHandler() {
        this(AwsWiring.orderStore(), AwsQueues.sender(AwsQueues.PAYMENT_EVENTS_DLQ_URL), Clock.systemUTC());
    }

    public PaymentEventsHandler(OrderStore store, QueueSender deadLetters, Clock clock) {
        this.payments = new RecordingPayments(store, clock);
        this.deadLetters = deadLetters;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> SqsBatch.process(event, this::handle));
    }

    /** True when the message is done with (applied, ignored or dead-lettered); false to retry it. */
    private boolean handle(SQSEvent.SQSMessage message) {
        return switch (ProviderEvents.read(message.getBody())) {
            case ProviderEvents.Read.Invalid invalid -> reject(message, "invalid_event", invalid.reason());
            case ProviderEvents.Read.Notice notice -> {
                MDC.put("provider_event_id", notice.notice().providerEventId());
                MDC.put("order_id", notice.notice().orderId().value());
                yield apply(message, payments.record(notice.notice()));
            }
        };
    }

    private boolean apply(SQSEvent.SQSMessage message, Outcome outcome) {
        return switch (outcome) {
            case Outcome.Recorded recorded -> {
                LOG.info("payment recorded: order is {}", recorded.order().status());
                metrics.count(recorded.order().status() == OrderStatus.PAID ? "PaymentsSucceeded" : "PaymentsFailed");
                yield true;
            }
            case Outcome.Duplicate duplicate -> {
                LOG.info("duplicate payment event ignored");
                metrics.count("PaymentEventsDuplicate");
                yield true;
            }
            case Outcome.Stale stale -> {
                LOG.info("stale payment event ignored: order is {}, event asks for {}", stale.current(), stale.requested());
                metrics.count("PaymentEventsStale");
                yield true;
            }
            case Outcome.OrderNotFound notFound -> {
                LOG.info("order not visible yet; retrying later");
                metrics.count("PaymentEventsOrderNotFound");
                yield false;
            }
            case Outcome.Rejected rejected -> reject(message, "amount_mismatch", rejected.reason());
        };
    }

    private boolean reject(SQSEvent.SQSMessage message, String code, String reason) {
        LOG.warn("payment event rejected to the DLQ: {}", reason);
        deadLetters.send(message.getBody(), Map.of(REASON_ATTRIBUTE, reason, "RejectionCode", code,
                "SourceMessageId", message.getMessageId()));
        metrics.count("PaymentEventsRejected", code);
        return true;
    }
}
