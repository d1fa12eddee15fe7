package dev.orders.functions.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.orders.domain.port.OrderStore;
import dev.orders.functions.aws.AwsWiring;
import dev.orders.functions.shared.Invocations;
import dev.orders.functions.shared.Metrics;
import dev.orders.functions.shared.Problem;
import dev.orders.functions.shared.ProxyRequest;
import dev.orders.functions.shared.UploadLinks;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * P1 and P4: {@code POST /orders}, {@code GET /orders/{orderId}} and {@code POST /orders/{orderId}/receipts}
 * behind API Gateway (HTTP API, payload format 1.0). Translates the proxy event, calls the use case, translates the outcome back.
 */
public final class OrderApiHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(OrderApiHandler.class);

    private final OrderEndpoints endpoints;

    /** AWS wiring: adapters from environment variables, built once per execution environment. */
    public OrderApiHandler() {
        this(AwsWiring.orderStore(), AwsWiring.uploadLinks(), Clock.systemUTC());
    }

    public OrderApiHandler(OrderStore store, UploadLinks links, Clock clock) {
        this.endpoints =
                new OrderEndpoints(store, links, clock, () -> UUID.randomUUID().toString(), new Metrics("OrderApi"));
    }

    /** Without a receipts bucket: the receipt routes answer 503 (for callers that serve orders only, such as the bench). */
    public OrderApiHandler(OrderStore store, Clock clock) {
        this(store, UploadLinks.unavailable(), clock);
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return Invocations.logged(context, () -> {
            ProxyRequest request = new ProxyRequest(event);
            MDC.put("correlation_id", request.requestId());
            try {
                return endpoints.handle(request);
            } catch (RuntimeException unexpected) {
                // Only a failing dependency gets here: input problems are answered as 4xx above.
                LOG.error("request failed", unexpected);
                return Problem.of(
                        503,
                        "unavailable",
                        "The service is temporarily unavailable",
                        "Please retry with the same Idempotency-Key.",
                        java.util.Map.of("Retry-After", "1"));
            }
        });
    }
}
