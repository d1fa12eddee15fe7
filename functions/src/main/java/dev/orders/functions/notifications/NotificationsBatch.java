package dev.orders.functions.notifications;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.orders.domain.notifying.NotifyingCustomers;
import dev.orders.functions.shared.DeadLetters;
import dev.orders.functions.shared.Metrics;
import dev.orders.functions.shared.SqsBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One batch of order events to announce. Sent, already sent, or no address: done. An order not visible yet,
 * or a mail provider that cannot take the message now (throttled, unreachable: it throws): the message comes
 * back. A message the provider will never take goes to the DLQ with the provider's reason, not round and round.
 * An undecodable message (never written by our bus) is reported failed and redriven after maxReceiveCount.
 */
final class NotificationsBatch {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationsBatch.class);

    private final NotifyingCustomers notifying;
    private final DeadLetters deadLetters;
    private final Metrics metrics;

    NotificationsBatch(NotifyingCustomers notifying, DeadLetters deadLetters, Metrics metrics) {
        this.notifying = notifying;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    SQSBatchResponse process(SQSEvent event) {
        return SqsBatch.process(event, this::announce);
    }

    private boolean announce(SQSEvent.SQSMessage message) {
        var event = BusEnvelope.orderEvent(message.getBody());
        MDC.put("order_id", event.orderId().value());
        return switch (notifying.announce(event)) {
            case NotifyingCustomers.Outcome.Sent sent -> {
                LOG.info("notification sent: {}", sent.notification().subject());
                metrics.count("NotificationsSent");
                yield true;
            }
            case NotifyingCustomers.Outcome.AlreadySent already -> {
                LOG.info("notification {} was already sent", already.notificationId());
                metrics.count("NotificationsDuplicate");
                yield true;
            }
            case NotifyingCustomers.Outcome.NoAddress none -> {
                LOG.info("no verified address for the order; nothing sent");
                metrics.count("NotificationsWithoutAddress");
                yield true;
            }
            case NotifyingCustomers.Outcome.NotVisible notVisible -> {
                LOG.info("order not visible yet; retrying later");
                metrics.count("NotificationsOrderNotFound");
                yield false;
            }
            case NotifyingCustomers.Outcome.Undeliverable undeliverable -> {
                LOG.warn(
                        "notification {} refused by the mail provider, to the DLQ: {}",
                        undeliverable.notificationId(),
                        undeliverable.reason());
                deadLetters.reject(message, "undeliverable", undeliverable.reason());
                metrics.count("NotificationsRejected");
                yield true;
            }
        };
    }
}
