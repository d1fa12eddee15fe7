package dev.orders.functions.payments;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.orders.functions.aws.AwsQueues;
import dev.orders.functions.shared.Json;
import dev.orders.functions.shared.Metrics;
import dev.orders.functions.shared.Problem;
import dev.orders.functions.shared.ProxyRequest;
import dev.orders.functions.shared.QueueSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * SPEC P2 intake: {@code POST /payments/callbacks/acmepay}. Verify the signature, store the raw event
 * in the queue, acknowledge. Nothing else happens here, so the provider gets its 2xx fast and a slow
 * or failing order store never makes the provider retry.
 */
public final class PaymentWebhookHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentWebhookHandler.class);
    public static final String PROVIDER = "acmepay";

    private final PaymentSecrets secrets;
    private final QueueSender queue;
    private final Clock clock;
    private final Metrics metrics = new Metrics("PaymentWebhook");

    /** AWS wiring: secrets and the queue URL from the environment. */
    public PaymentWebhookHandler() {
        this(PaymentSecrets.fromEnvironment(), AwsQueues.sender(AwsQueues.PAYMENT_EVENTS_QUEUE_URL), Clock.systemUTC());
    }

    public PaymentWebhookHandler(PaymentSecrets secrets, QueueSender queue, Clock clock) {
        this.secrets = secrets;
        this.queue = queue;
        this.clock = clock;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            ProxyRequest request = new ProxyRequest(event);
            MDC.put("correlation_id", request.requestId());
            if (request.pathParameter("provider").filter(provider -> !provider.equals(PROVIDER)).isPresent()) {
                return rejected("unknown_provider", Problem.of(404, "not-found", "Not found", "No such payment provider."));
            }
            byte[] body = request.body();
            if (body.length > Json.MAX_DOCUMENT_LENGTH) {
                return rejected("too_large", Problem.of(413, "too-large", "Content too large",
                        "A callback is at most " + Json.MAX_DOCUMENT_LENGTH + " bytes."));
            }
            if (WebhookSignature.verify(request.header(WebhookSignature.HEADER), body, secrets, clock.instant())
                    instanceof WebhookSignature.Verdict.Rejected rejected) {
                return rejected("signature_" + rejected.code(), Problem.of(rejected.status(), "invalid-signature",
                        "Invalid signature", rejected.detail()));
            }
            Optional<String> eventId = ProviderEvents.eventId(body);
            if (eventId.isEmpty()) {
                return rejected("invalid_event", Problem.of(400, "invalid-event", "Invalid event",
                        "The callback must be a JSON object with a string id."));
            }
            MDC.put("provider_event_id", eventId.get());
            return enqueue(new String(body, java.nio.charset.StandardCharsets.UTF_8), eventId.get());
        });
    }

    private APIGatewayProxyResponseEvent enqueue(String body, String eventId) {
        try {
            queue.send(body, Map.of("provider", PROVIDER, "providerEventId", eventId));
        } catch (RuntimeException unavailable) {
            // Not stored, so not acknowledged: the provider retries the callback later.
            LOG.error("could not enqueue the callback", unavailable);
            metrics.count("PaymentCallbacksNotStored");
            return Problem.of(503, "unavailable", "Temporarily unavailable", "Please retry the callback.",
                    Map.of("Retry-After", "5"));
        }
        LOG.info("payment callback stored");
        metrics.count("PaymentCallbacksAccepted");
        return new APIGatewayProxyResponseEvent().withStatusCode(202)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(Json.internal().createObjectNode().put("received", true).put("id", eventId).toString());
    }

    private APIGatewayProxyResponseEvent rejected(String reason, APIGatewayProxyResponseEvent response) {
        LOG.warn("payment callback refused: {}", reason);
        metrics.count("PaymentCallbacksRejected", reason);
        return response;
    }
}
