package dev.orders.local.paths;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.orders.functions.payments.PaymentEventsHandler;
import dev.orders.functions.payments.PaymentSecrets;
import dev.orders.functions.payments.PaymentWebhookHandler;
import dev.orders.local.gateway.HttpGateway;
import dev.orders.local.lambda.FunctionWiring;
import dev.orders.local.lambda.LocalFunction;
import dev.orders.local.payments.LocalPaymentSecrets;
import dev.orders.local.queue.MappingSettings;
import dev.orders.local.queue.SqsEventSourceMapping;
import java.util.List;

/**
 * P2: the provider's callback route in front of {@code PaymentWebhookFunction}, which enqueues to
 * {@code PaymentEventsQueue}; the queue's SQS event source mapping invokes {@code PaymentEventsFunction},
 * which rejects what can never apply to the queue's dead-letter queue with a reason.
 */
public final class PaymentsPath implements TriggerPath {

    public static final String WEBHOOK = "PaymentWebhookFunction";
    public static final String EVENTS = "PaymentEventsFunction";
    public static final String QUEUE = "PaymentEventsQueue";
    /** Where {@code ./orders pay} posts: the template's {@code /payments/callbacks/{provider}} for the local provider. */
    public static final String WEBHOOK_PATH = "/payments/callbacks/" + PaymentWebhookHandler.PROVIDER;

    private final Wiring wiring;
    private final LocalFunction<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> webhook;
    private final SqsEventSourceMapping events;

    public PaymentsPath(Wiring wiring) {
        this.wiring = wiring;
        this.webhook =
                wiring.function(webhook(wiring), APIGatewayProxyRequestEvent.class, APIGatewayProxyResponseEvent.class);
        MappingSettings mapping = MappingSettings.from(wiring.template(), EVENTS);
        this.events = new SqsEventSourceMapping(
                wiring.queues(),
                mapping,
                wiring.function(events(wiring, mapping.queue()), SQSEvent.class, SQSBatchResponse.class),
                wiring.clock(),
                wiring.sqsTiming());
    }

    /** {@code PaymentWebhookFunction}: which handler class, with which ports (the secrets from the data folder). */
    static FunctionWiring webhook(Wiring wiring) {
        PaymentSecrets secrets = LocalPaymentSecrets.load(wiring.dataDir());
        return FunctionWiring.of(WEBHOOK, PaymentWebhookHandler.class)
                .instance(PaymentSecrets.class, secrets.current(), secrets.previous())
                .queue(QUEUE, wiring.queues().sender(QUEUE))
                .clock(wiring.clock());
    }

    /** {@code PaymentEventsFunction}: which handler class, with which ports (its rejections go to the queue's DLQ). */
    static FunctionWiring events(Wiring wiring, String queue) {
        String deadLetterQueue = wiring.queues()
                .settings(queue)
                .deadLetterQueue()
                .orElseThrow(() -> new IllegalStateException(queue + " has no RedrivePolicy in the template"));
        return FunctionWiring.of(EVENTS, PaymentEventsHandler.class)
                .store("orders", wiring.store())
                .queue(deadLetterQueue, wiring.queues().sender(deadLetterQueue))
                .clock(wiring.clock());
    }

    /** The template's route; the handler answers 404 for any provider but the local one. */
    @Override
    public void serve(HttpGateway gateway) {
        wiring.routes(WEBHOOK).forEach(r -> gateway.route(r.method(), r.path(), r.requiresJwt(), webhook));
    }

    public SqsEventSourceMapping mapping() {
        return events;
    }

    @Override
    public void start() {
        events.start();
    }

    @Override
    public void close() {
        events.close();
    }

    @Override
    public List<LocalFunction<?, ?>> functions() {
        return List.of(webhook, events.function());
    }
}
