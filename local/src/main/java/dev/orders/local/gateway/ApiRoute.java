package dev.orders.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.orders.local.lambda.LocalFunction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP API route ({@code POST /orders/{orderId}/receipts}) and the function behind it. Matching
 * follows HTTP API: a literal segment beats a variable, {@code {name+}} takes the rest of the path.
 */
public record ApiRoute(
        String method,
        String pathTemplate,
        boolean requiresJwt,
        LocalFunction<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> function) {

    /** Path parameters when the path matches this route's template. */
    public Optional<Map<String, String>> match(String path) {
        String[] template = segments(pathTemplate);
        String[] actual = segments(path);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("+}")) {
                if (i >= actual.length) {
                    return Optional.empty();
                }
                parameters.put(
                        t.substring(1, t.length() - 2),
                        String.join("/", java.util.Arrays.copyOfRange(actual, i, actual.length)));
                return Optional.of(parameters);
            }
            if (i >= actual.length) {
                return Optional.empty();
            }
            if (t.startsWith("{") && t.endsWith("}")) {
                if (actual[i].isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(t.substring(1, t.length() - 1), actual[i]);
            } else if (!t.equals(actual[i])) {
                return Optional.empty();
            }
        }
        return template.length == actual.length ? Optional.of(parameters) : Optional.empty();
    }

    /** More literal segments first, so {@code /orders/mine} wins over {@code /orders/{orderId}}. */
    int specificity() {
        int literal = 0;
        for (String s : segments(pathTemplate)) {
            literal += s.startsWith("{") ? 0 : 1;
        }
        return literal;
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
