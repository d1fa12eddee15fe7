package dev.orders.functions.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
import java.io.IOException;

/**
 * Asks the order API for an order that does not exist, as an authenticated caller would through the HTTP
 * API (payload format 1.0, JWT claims in {@code requestContext.authorizer.claims}). It reads one key and
 * writes nothing. Only the expected 404 passes: it shows the version starts, reads the caller's claims and
 * reaches its table. A 401 (claims not found), any other status, a 5xx or a function error fails the deployment.
 */
public final class ApiSmokeCheck implements SmokeCheck {

    static final String SMOKE_CUSTOMER = "deploy-smoke-check";
    static final String SMOKE_ORDER = "deploy-smoke-check";

    private static final String REQUEST = """
            {"version":"1.0","resource":"/orders/{orderId}","path":"/orders/%1$s","httpMethod":"GET",
             "headers":{"accept":"application/json","user-agent":"orders-deploy-hook"},
             "queryStringParameters":null,"pathParameters":{"orderId":"%1$s"},"body":null,"isBase64Encoded":false,
             "requestContext":{"httpMethod":"GET","path":"/orders/%1$s","resourcePath":"/orders/{orderId}","stage":"live",
               "requestId":"deploy-smoke-check","authorizer":{"claims":{"sub":"%2$s"},"scopes":null}}}
            """.formatted(SMOKE_ORDER, SMOKE_CUSTOMER);

    private final FunctionInvoker invoker;

    public ApiSmokeCheck(FunctionInvoker invoker) {
        this.invoker = invoker;
    }

    @Override
    public Verdict run() {
        FunctionInvoker.Invocation invocation = invoker.invoke(REQUEST);
        if (invocation.functionError() != null) {
            return new Verdict(false, "function error " + invocation.functionError() + ": " + invocation.payload());
        }
        int status = statusCode(invocation.payload());
        return status == 404
                ? new Verdict(true, "GET /orders/" + SMOKE_ORDER + " answered " + status)
                : new Verdict(false, "GET /orders/" + SMOKE_ORDER + " answered " + (status < 0 ? "no status" : status));
    }

    private static int statusCode(String payload) {
        try {
            JsonNode status =
                    Json.internal().readTree(payload == null ? "" : payload).path("statusCode");
            return status.canConvertToInt() ? status.asInt() : -1;
        } catch (IOException notJson) {
            return -1;
        }
    }
}
