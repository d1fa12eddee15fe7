package dev.orders.functions.payments;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.orders.functions.aws.AwsWiring;
import dev.orders.functions.shared.Invocations;
import dev.orders.functions.shared.Metrics;
import dev.orders.functions.shared.ProxyRequest;
import dev.orders.functions.shared.QueueSender;
import java.time.Clock;
import org.slf4j.MDC;

/**
 * P2 intake: {@code POST /payments/callbacks/acmepay}. Verify the signature, store the raw event
 * in the queue, acknowledge ({@link CallbackIntake}). Nothing else happens here, so the provider gets its
 * 2xx fast and a slow or failing order store never makes the provider retry.
 */
public final class PaymentWebhookHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    public static final String PROVIDER = "acmepay";

    private final CallbackIntake intake;

    /** AWS wiring: secrets and the queue URL from the environment. */
    public PaymentWebhookHandler() {
        this(AwsWiring.paymentSecrets(), AwsWiring.queue(AwsWiring.PAYMENT_EVENTS_QUEUE_URL), Clock.systemUTC());
    }

    public PaymentWebhookHandler(PaymentSecrets secrets, QueueSender queue, Clock clock) {
        this.intake = new CallbackIntake(secrets, queue, clock, new Metrics("PaymentWebhook"));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return Invocations.logged(context, () -> {
            ProxyRequest request = new ProxyRequest(event);
            MDC.put("correlation_id", request.requestId());
            return intake.handle(request);
        });
    }
}
