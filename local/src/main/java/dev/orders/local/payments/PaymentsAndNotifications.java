package dev.orders.local.payments;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.port.OrderStore;
import dev.orders.functions.notifications.NotificationsHandler;
import dev.orders.functions.payments.PaymentEventsHandler;
import dev.orders.functions.payments.PaymentWebhookHandler;
import dev.orders.functions.shared.Json;
import dev.orders.local.bus.LocalBus;
import dev.orders.local.bus.Target;
import dev.orders.local.bus.TemplateRules;
import dev.orders.local.gateway.HttpGateway;
import dev.orders.local.lambda.FunctionSettings;
import dev.orders.local.lambda.LocalFunction;
import dev.orders.local.mail.MailboxFolder;
import dev.orders.local.queue.LocalQueues;
import dev.orders.local.queue.MappingSettings;
import dev.orders.local.queue.QueueSettings;
import dev.orders.local.queue.QueueTarget;
import dev.orders.local.queue.SqsEventSourceMapping;
import dev.orders.local.template.SamTemplate;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * SPEC P2 and P6 wired as the template deploys them: the webhook route, the queues, the two SQS event
 * source mappings, the bus rules that target queues, and the local-only views {@code /_local/queues}
 * and {@code /_local/order-total}.
 */
public final class PaymentsAndNotifications implements AutoCloseable {

    public static final String WEBHOOK_PATH = "/payments/callbacks/" + PaymentWebhookHandler.PROVIDER;

    private final LocalQueues queues;
    private final OrderStore store;
    private final List<SqsEventSourceMapping> mappings;
    private final LocalFunction<?, ?> webhook;

    public PaymentsAndNotifications(SamTemplate template, Path dataDir, LocalQueues queues, OrderStore store, LocalBus bus,
                                    HttpGateway gateway, Clock clock, SqsEventSourceMapping.Timing timing) {
        this.queues = queues.declareAll(template);
        this.store = store;

        var webhook = new LocalFunction<>(FunctionSettings.from(template, "PaymentWebhookFunction"),
                new PaymentWebhookHandler(LocalPaymentSecrets.load(dataDir), queues.sender("PaymentEventsQueue"), clock));
        // the template's route; the handler answers 404 for any provider but acmepay
        gateway.route("POST", "/payments/callbacks/{provider}", false, webhook);
        this.webhook = webhook;

        String paymentDlq = queues.settings("PaymentEventsQueue").deadLetterQueue()
                .orElseThrow(() -> new IllegalStateException("PaymentEventsQueue has no RedrivePolicy in the template"));
        this.mappings = List.of(
                new SqsEventSourceMapping(queues, MappingSettings.from(template, "PaymentEventsFunction"),
                        FunctionSettings.from(template, "PaymentEventsFunction"),
                        new PaymentEventsHandler(store, queues.sender(paymentDlq), clock), clock, timing),
                new SqsEventSourceMapping(queues, MappingSettings.from(template, "NotificationsFunction"),
                        FunctionSettings.from(template, "NotificationsFunction"),
                        new NotificationsHandler(new MailboxFolder(dataDir.resolve("mailbox"))), clock, timing));

        TemplateRules.load(template, id -> template.type(id).equals("AWS::SQS::Queue")
                ? Optional.<Target>of(new QueueTarget(queues, id)) : Optional.empty()).forEach(bus::addRule);

        gateway.local("queues", (method, query, body) -> HttpGateway.Reply.json(200, view(query.get("peek")).toString()));
        gateway.local("order-total", (method, query, body) -> orderTotal(query.get("orderId")));
    }

    public PaymentsAndNotifications start() {
        mappings.forEach(SqsEventSourceMapping::start);
        return this;
    }

    public LocalQueues queues() {
        return queues;
    }

    public List<SqsEventSourceMapping> mappings() {
        return mappings;
    }

    /** The path's functions: the webhook and each mapping's function. */
    public List<LocalFunction<?, ?>> functions() {
        List<LocalFunction<?, ?>> functions = new java.util.ArrayList<>();
        functions.add(webhook);
        mappings.forEach(m -> functions.add(m.function()));
        return functions;
    }

    /** Every queue with its visible, in-flight and dead-letter counts, and what each mapping did. */
    ObjectNode view(String peek) {
        ObjectNode view = Json.internal().createObjectNode();
        ArrayNode list = view.putArray("queues");
        for (QueueSettings settings : queues.all()) {
            LocalQueues.Counts counts = queues.counts(settings.name());
            ObjectNode q = list.addObject();
            q.put("name", settings.name());
            q.put("visible", counts.visible());
            q.put("inFlight", counts.inFlight());
            q.put("visibilityTimeoutSeconds", settings.visibilityTimeout().toSeconds());
            settings.deadLetterQueue().ifPresent(dlq -> {
                LocalQueues.Counts dead = queues.counts(dlq);
                q.put("deadLetterQueue", dlq);
                q.put("deadLetterMessages", dead.visible() + dead.inFlight());
                q.put("maxReceiveCount", settings.maxReceiveCount());
            });
            if (settings.name().equals(peek)) {
                q.set("messages", queues.peek(settings.name(), 100));
            }
        }
        ArrayNode mappingList = view.putArray("eventSourceMappings");
        for (SqsEventSourceMapping mapping : mappings) {
            ObjectNode m = mappingList.addObject();
            m.put("function", mapping.functionName());
            m.put("queue", mapping.settings().queue());
            m.put("batchSize", mapping.settings().batchSize());
            m.put("maximumBatchingWindowSeconds", mapping.settings().batchingWindow().toSeconds());
            mapping.settings().maximumConcurrency().ifPresent(c -> m.put("maximumConcurrency", c));
            m.put("reportBatchItemFailures", mapping.settings().reportBatchItemFailures());
            m.set("stats", mapping.stats().json());
        }
        return view;
    }

    /**
     * What a provider knows about an order it is asked to charge: its total. Local-only, for
     * {@code ./orders pay}, which has no customer token (a provider never does).
     */
    private HttpGateway.Reply orderTotal(String orderId) {
        if (orderId == null || !OrderId.isValid(orderId)) {
            return HttpGateway.Reply.json(400, "{\"message\":\"orderId must be an order id\"}");
        }
        return store.findOrder(new OrderId(orderId)).map(order -> HttpGateway.Reply.json(200, Json.internal().createObjectNode()
                        .put("orderId", order.id().value()).put("status", order.status().name())
                        .put("amount", order.total().amountText()).put("currency", order.total().currency().getCurrencyCode())
                        .toString()))
                .orElseGet(() -> HttpGateway.Reply.json(404, "{\"message\":\"no such order\"}"));
    }

    @Override
    public void close() {
        mappings.forEach(SqsEventSourceMapping::close);
    }
}
