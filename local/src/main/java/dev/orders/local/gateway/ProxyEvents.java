package dev.orders.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the proxy event API Gateway sends to a Lambda integration (HTTP API, payload format 1.0):
 * single- and multi-value headers and query strings (single value = the last one, as API Gateway
 * does), path parameters, the request context with request id, stage and the authorizer's claims.
 */
final class ProxyEvents {

    static final String API_ID = "local";
    static final String STAGE = "live";

    private ProxyEvents() {}

    static APIGatewayProxyRequestEvent toEvent(
            HttpExchange exchange,
            ApiRoute route,
            Map<String, String> pathParameters,
            Map<String, String> claims,
            byte[] body,
            String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, List<String>> multiHeaders = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            multiHeaders.put(lower, List.copyOf(values));
            headers.put(lower, String.join(",", values));
        });
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, List<String>> multiQuery = new LinkedHashMap<>();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                String[] kv = pair.split("=", 2);
                String key = decode(kv[0]);
                String value = kv.length > 1 ? decode(kv[1]) : "";
                multiQuery.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
                query.put(key, value);
            }
        }
        String path = exchange.getRequestURI().getPath();
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withAccountId("000000000000")
                .withApiId(API_ID)
                .withStage(STAGE)
                .withRequestId(requestId)
                .withResourcePath(route.pathTemplate())
                .withHttpMethod(route.method())
                .withPath("/" + STAGE + path)
                .withProtocol(exchange.getProtocol())
                .withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity()
                        .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                        .withUserAgent(headers.get("user-agent")));
        context.setRequestTimeEpoch(Instant.now().toEpochMilli());
        context.setDomainName(headers.getOrDefault("host", "127.0.0.1"));
        if (claims != null) {
            Map<String, Object> authorizer = new LinkedHashMap<>();
            authorizer.put("claims", new LinkedHashMap<>(claims));
            authorizer.put("scopes", null);
            context.setAuthorizer(authorizer);
        }
        boolean text = isText(headers.get("content-type"));
        return new APIGatewayProxyRequestEvent()
                .withResource(route.pathTemplate())
                .withPath(path)
                .withHttpMethod(route.method())
                .withHeaders(headers)
                .withMultiValueHeaders(multiHeaders)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withMultiValueQueryStringParameters(multiQuery.isEmpty() ? null : multiQuery)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withRequestContext(context)
                .withBody(
                        body.length == 0
                                ? null
                                : text
                                        ? new String(body, StandardCharsets.UTF_8)
                                        : Base64.getEncoder().encodeToString(body))
                .withIsBase64Encoded(body.length > 0 && !text);
    }

    /** HTTP API passes textual bodies as they are and base64-encodes the rest. */
    private static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text/")
                || type.contains("json")
                || type.contains("xml")
                || type.startsWith("application/x-www-form-urlencoded")
                || type.startsWith("application/javascript");
    }

    static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return s;
        }
    }
}
