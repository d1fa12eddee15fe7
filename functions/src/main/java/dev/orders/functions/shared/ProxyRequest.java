package dev.orders.functions.shared;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A read-only view of an API Gateway proxy event (payload format 1.0) with the lookups handlers need. */
public record ProxyRequest(APIGatewayProxyRequestEvent event) {

    public String method() {
        return event.getHttpMethod() == null ? "" : event.getHttpMethod();
    }

    /** The route's resource template, e.g. {@code /orders/{orderId}}. */
    public String resource() {
        return event.getResource() == null ? "" : event.getResource();
    }

    public Optional<String> pathParameter(String name) {
        return Optional.ofNullable(event.getPathParameters()).map(p -> p.get(name));
    }

    /** Header names are case-insensitive (RFC 9110); API Gateway passes them as the client sent them. */
    public Optional<String> header(String name) {
        return first(event.getHeaders(), name)
                .or(() -> first(event.getMultiValueHeaders(), name)
                        .flatMap(values -> values.stream().findFirst()));
    }

    private static <V> Optional<V> first(Map<String, V> headers, String name) {
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream()
                .filter(e -> name.equalsIgnoreCase(e.getKey()))
                .map(Map.Entry::getValue)
                .filter(Objects::nonNull)
                .findFirst();
    }

    /** The bytes as sent: a base64 body is decoded (one that does not decode reads as empty), a text body is UTF-8. */
    public byte[] body() {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            try {
                return Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException notBase64) {
                return new byte[0];
            }
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A claim of the caller's token as the JWT authorizer passed it: {@code requestContext.authorizer.claims}
     * (HTTP API, payload format 1.0). Empty when the request was not authorized.
     */
    public Optional<String> claim(String name) {
        return Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayProxyRequestEvent.ProxyRequestContext::getAuthorizer)
                .map(a -> a.get("claims"))
                .filter(Map.class::isInstance)
                .map(Map.class::cast)
                .map(claims -> claims.get(name))
                .filter(String.class::isInstance)
                .map(String.class::cast);
    }

    public String requestId() {
        return Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayProxyRequestEvent.ProxyRequestContext::getRequestId)
                .orElse("-");
    }
}
