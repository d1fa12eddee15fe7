package dev.orders.functions.payments;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.orders.functions.shared.Json;
import dev.orders.functions.shared.Metrics;
import dev.orders.functions.shared.Problem;
import dev.orders.functions.shared.ProxyRequest;
import dev.orders.functions.shared.QueueSender;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The callback route's rules and answers (P2 intake): a known provider, a bounded body, a valid signature
 * and an event id, then the raw event into the queue and 202. Anything refused stores nothing; a queue that
 * cannot store is a 503, so the provider retries.
 */
final class CallbackIntake {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackIntake.class);

    private final PaymentSecrets secrets;
    private final QueueSender queue;
    private final Clock clock;
    private final Metrics metrics;

    CallbackIntake(PaymentSecrets secrets, QueueSender queue, Clock clock, Metrics metrics) {
        this.secrets = secrets;
        this.queue = queue;
        this.clock = clock;
        this.metrics = metrics;
    }

    APIGatewayProxyResponseEvent handle(ProxyRequest request) {
        if (request.pathParameter("provider")
                .filter(provider -> !provider.equals(PaymentWebhookHandler.PROVIDER))
                .isPresent()) {
            return rejected("unknown_provider", Problem.of(404, "not-found", "Not found", "No such payment provider."));
        }
        byte[] body = request.body();
        if (body.length > Json.MAX_DOCUMENT_LENGTH) {
            return rejected(
                    "too_large",
                    Problem.of(
                            413,
                            "too-large",
                            "Content too large",
                            "A callback is at most " + Json.MAX_DOCUMENT_LENGTH + " bytes."));
        }
        if (WebhookSignature.verify(request.header(WebhookSignature.HEADER), body, secrets, clock.instant())
                instanceof WebhookSignature.Verdict.Rejected rejected) {
            return rejected(
                    "signature_" + rejected.code(),
                    Problem.of(rejected.status(), "invalid-signature", "Invalid signature", rejected.detail()));
        }
        Optional<String> eventId = ProviderEvents.eventId(body);
        if (eventId.isEmpty()) {
            return rejected(
                    "invalid_event",
                    Problem.of(
                            400,
                            "invalid-event",
                            "Invalid event",
                            "The callback must be a JSON object with a string id."));
        }
        MDC.put("provider_event_id", eventId.get());
        return enqueue(new String(body, StandardCharsets.UTF_8), eventId.get());
    }

    private APIGatewayProxyResponseEvent enqueue(String body, String eventId) {
        try {
            queue.send(body, Map.of("provider", PaymentWebhookHandler.PROVIDER, "providerEventId", eventId));
        } catch (RuntimeException unavailable) {
            // Not stored, so not acknowledged: the provider retries the callback later.
            LOG.error("could not enqueue the callback", unavailable);
            metrics.count("PaymentCallbacksNotStored");
            return Problem.of(
                    503,
                    "unavailable",
                    "Temporarily unavailable",
                    "Please retry the callback.",
                    Map.of("Retry-After", "5"));
        }
        LOG.info("payment callback stored");
        metrics.count("PaymentCallbacksAccepted");
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(202)
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withBody(Json.internal()
                        .createObjectNode()
                        .put("received", true)
                        .put("id", eventId)
                        .toString());
    }

    private APIGatewayProxyResponseEvent rejected(String reason, APIGatewayProxyResponseEvent response) {
        LOG.warn("payment callback refused: {}", reason);
        metrics.count("PaymentCallbacksRejected", reason);
        return response;
    }
}
