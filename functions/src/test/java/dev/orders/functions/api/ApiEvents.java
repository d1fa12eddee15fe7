package dev.orders.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Proxy events as API Gateway (HTTP API, payload 1.0) sends them after its JWT authorizer. */
final class ApiEvents {

    static final String BODY = """
            {"items":[{"sku":"SKU-1","quantity":2,"unitPrice":{"amount":"12.50","currency":"EUR"}},
                      {"sku":"SKU-2","quantity":1,"unitPrice":{"amount":"5.00","currency":"EUR"}}]}""";

    private ApiEvents() {}

    static APIGatewayProxyRequestEvent post(String caller, String key, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        if (key != null) {
            headers.put("idempotency-key", key);
        }
        return event("POST", "/orders", "/orders", Map.of(), caller, headers, body);
    }

    static APIGatewayProxyRequestEvent get(String caller, String orderId) {
        return event(
                "GET", "/orders/{orderId}", "/orders/" + orderId, Map.of("orderId", orderId), caller, Map.of(), null);
    }

    static APIGatewayProxyRequestEvent event(
            String method,
            String resource,
            String path,
            Map<String, String> pathParameters,
            String caller,
            Map<String, String> headers,
            String body) {
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withRequestId("req-1")
                .withStage("live")
                .withHttpMethod(method)
                .withResourcePath(resource);
        if (caller != null) {
            Map<String, Object> authorizer = new HashMap<>();
            authorizer.put("claims", Map.of("sub", caller, "iss", "urn:test"));
            context.setAuthorizer(authorizer);
        }
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod(method)
                .withResource(resource)
                .withPath(path)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withHeaders(new LinkedHashMap<>(headers))
                .withRequestContext(context)
                .withBody(body)
                .withIsBase64Encoded(false);
    }
}
