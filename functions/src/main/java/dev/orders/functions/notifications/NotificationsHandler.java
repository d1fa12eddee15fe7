package dev.orders.functions.notifications;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.orders.domain.notifying.NotifyingCustomers;
import dev.orders.domain.port.Mailer;
import dev.orders.domain.port.OrderStore;
import dev.orders.functions.aws.AwsWiring;
import dev.orders.functions.shared.DeadLetters;
import dev.orders.functions.shared.Invocations;
import dev.orders.functions.shared.Metrics;
import dev.orders.functions.shared.QueueSender;

/**
 * P6: order events (EventBridge rule → queue) become one message per (order, event type), to the address
 * stored with the order ({@link NotificationsBatch}). The mailer is idempotent per event id, so redeliveries
 * send nothing twice.
 */
public final class NotificationsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final NotificationsBatch batch;

    /** AWS wiring: the orders table, SES and the DLQ from environment variables. */
    public NotificationsHandler() {
        this(AwsWiring.orderStore(), AwsWiring.mailer(), AwsWiring.queue(AwsWiring.NOTIFICATIONS_DLQ_URL));
    }

    public NotificationsHandler(OrderStore orders, Mailer mailer, QueueSender deadLetters) {
        this.batch = new NotificationsBatch(
                new NotifyingCustomers(orders, mailer), new DeadLetters(deadLetters), new Metrics("Notifications"));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return Invocations.logged(context, () -> batch.process(event));
    }
}
