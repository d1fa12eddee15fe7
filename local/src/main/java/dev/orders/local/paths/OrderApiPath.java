package dev.orders.local.paths;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.orders.functions.api.OrderApiHandler;
import dev.orders.functions.shared.UploadLinks;
import dev.orders.local.gateway.HttpGateway;
import dev.orders.local.lambda.FunctionWiring;
import dev.orders.local.lambda.LocalFunction;
import java.util.List;

/** P1 (and P4's upload forms): the HTTP API's order routes (JWT authorizer, throttling) in front of {@code OrderApiFunction}. */
public final class OrderApiPath implements TriggerPath {

    public static final String FUNCTION = "OrderApiFunction";

    private final Wiring wiring;
    private final LocalFunction<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> orderApi;

    public OrderApiPath(Wiring wiring, UploadLinks receiptLinks) {
        this.wiring = wiring;
        this.orderApi = wiring.function(
                orderApi(wiring, receiptLinks), APIGatewayProxyRequestEvent.class, APIGatewayProxyResponseEvent.class);
    }

    /** {@code OrderApiFunction}: which handler class, with which ports (the receipts bucket's links from {@link ReceiptsPath}). */
    static FunctionWiring orderApi(Wiring wiring, UploadLinks receiptLinks) {
        return FunctionWiring.of(FUNCTION, OrderApiHandler.class)
                .store("orders", wiring.store())
                .links("receipts", receiptLinks)
                .clock(wiring.clock());
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
