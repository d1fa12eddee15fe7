package dev.orders.local.paths;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.orders.functions.api.OrderApiHandler;
import dev.orders.functions.shared.UploadLinks;
import dev.orders.local.gateway.HttpGateway;
import dev.orders.local.lambda.LocalFunction;
import java.util.List;

/** SPEC P1 (and P4's upload forms): the HTTP API's order routes (JWT authorizer, throttling) in front of {@code OrderApiFunction}. */
public final class OrderApiPath implements TriggerPath {

    public static final String FUNCTION = "OrderApiFunction";

    private final Wiring wiring;
    private final LocalFunction<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> orderApi;

    public OrderApiPath(Wiring wiring, UploadLinks receiptLinks) {
        this.wiring = wiring;
        this.orderApi = wiring.function(FUNCTION, orderApiHandler(wiring, receiptLinks));
    }

    /** {@code OrderApiFunction}: which handler class, with which ports (the receipts bucket's links from {@link ReceiptsPath}). */
    static RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> orderApiHandler(Wiring wiring, UploadLinks receiptLinks) {
        return new OrderApiHandler(wiring.store(), receiptLinks, wiring.clock());
    }

    @Override
    public void serve(HttpGateway gateway) {
        wiring.routes(FUNCTION).forEach(r -> gateway.route(r.method(), r.path(), r.requiresJwt(), orderApi));
    }

    @Override
    public List<LocalFunction<?, ?>> functions() {
        return List.of(orderApi);
    }
}
