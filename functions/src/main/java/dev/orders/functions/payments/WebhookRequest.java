package dev.orders.functions.payments;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The parts of a proxy event the webhook needs: the raw body bytes (what was signed) and headers. */
record WebhookRequest(APIGatewayProxyRequestEvent event) {

    /** The bytes as sent: a base64 body is decoded, a text body is the UTF-8 the gateway decoded. */
    byte[] body() {
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

    /** Header names are case-insensitive. */
    Optional<String> header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream().filter(e -> name.equalsIgnoreCase(e.getKey()))
                .map(Map.Entry::getValue).filter(Objects::nonNull).findFirst();
    }

    /** The {@code {provider}} path parameter; empty when the route has none. */
    Optional<String> provider() {
        return Optional.ofNullable(event.getPathParameters()).map(p -> p.get("provider"));
    }

    String requestId() {
        return Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayProxyRequestEvent.ProxyRequestContext::getRequestId).orElse("-");
    }
}
