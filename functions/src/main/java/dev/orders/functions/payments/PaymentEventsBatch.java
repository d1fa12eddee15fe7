package dev.orders.functions.payments;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.orders.domain.order.OrderStatus;
import dev.orders.domain.payments.RecordingPayments;
import dev.orders.domain.payments.RecordingPayments.Outcome;
import dev.orders.functions.shared.DeadLetters;
import dev.orders.functions.shared.Metrics;
import dev.orders.functions.shared.SqsBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One batch of payment events, each on its own. Only what may succeed later (an order not visible yet, a
 * contended order, a failing store) is reported failed, so SQS retries that message alone. A message that can
 * never apply (undecodable, amount mismatch) goes to the dead-letter queue with its reason and is done.
 */
final class PaymentEventsBatch {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentEventsBatch.class);

    private final RecordingPayments payments;
    private final DeadLetters deadLetters;
    private final Metrics metrics;

    PaymentEventsBatch(RecordingPayments payments, DeadLetters deadLetters, Metrics metrics) {
        this.payments = payments;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    SQSBatchResponse process(SQSEvent event) {
        return SqsBatch.process(event, this::handle);
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
            case Outcome.Advanced advanced -> {
                LOG.info("payment recorded: order is {}", advanced.order().status());
                metrics.count(advanced.order().status() == OrderStatus.PAID ? "PaymentsSucceeded" : "PaymentsFailed");
                yield true;
            }
            case Outcome.AlreadyApplied duplicate -> {
                LOG.info("duplicate payment event ignored");
                metrics.count("PaymentEventsDuplicate");
                yield true;
            }
            case Outcome.Stale stale -> {
                LOG.info(
                        "stale payment event ignored: order is {}, event asks for {}",
                        stale.current(),
                        stale.requested());
                metrics.count("PaymentEventsStale");
                yield true;
            }
            case Outcome.NotVisible notVisible -> {
                LOG.info("order not visible yet; retrying later");
                metrics.count("PaymentEventsOrderNotFound");
                yield false;
            }
            case Outcome.Contended contended -> {
                LOG.info("order kept changing; retrying later");
                metrics.count("PaymentEventsContended");
                yield false;
            }
            case Outcome.Rejected rejected -> reject(message, "amount_mismatch", rejected.reason());
        };
    }

    private boolean reject(SQSEvent.SQSMessage message, String code, String reason) {
        LOG.warn("payment event rejected to the DLQ: {}", reason);
        deadLetters.reject(message, code, reason);
        metrics.count("PaymentEventsRejected", code);
        return true;
    }
}
