package dev.orders.functions.notifications;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.orders.domain.notifying.NotifyingCustomers;
import dev.orders.domain.port.Mailer;
import dev.orders.functions.aws.AwsMail;
import dev.orders.functions.shared.Metrics;
import dev.orders.functions.shared.SqsBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;


/**
 * SPEC P6: order events (EventBridge rule → queue) become one message per (order, event type). The
 * mailer is idempotent per event id, so redeliveries send nothing twice. A message that fails
 * (undecodable, or the mail provider refuses) is reported alone and redriven to the DLQ after
 * maxReceiveCount: every message here was written by our own bus, so a bad one is a bug to look at.
 */
public final class NotificationsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationsHandler.class);

    private final NotifyingCustomers notifying;
    private final Metrics metrics = new Metrics("Notifications");

    public NotificationsHandler() {
        this(AwsMail.mailer());
    }

    public NotificationsHandler(Mailer mailer) {
        this.notifying = new NotifyingCustomers(mailer);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> SqsBatch.process(event, message -> {
            announce(message);
            return true;
        }));
    }

    private void announce(SQSEvent.SQSMessage message) {
        var event = BusEnvelope.orderEvent(message.getBody());
        MDC.put("order_id", event.orderId().value());
        switch (notifying.announce(event)) {
            case NotifyingCustomers.Outcome.Sent sent -> {
                LOG.info("notification sent: {}", sent.notification().subject());
                metrics.count("NotificationsSent");
            }
            case NotifyingCustomers.Outcome.AlreadySent already -> {
                LOG.info("notification {} was already sent", already.notificationId());
                metrics.count("NotificationsDuplicate");
            }
        }
    }
}
