package dev.orders.functions.shared;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.domain.validation.FieldError;
import java.util.List;
import java.util.Map;

/** RFC 9457 problem details: every error the API answers has this shape. */
public final class Problem {

    public static final String CONTENT_TYPE = "application/problem+json";

    private Problem() {}

    public static APIGatewayProxyResponseEvent of(int status, String type, String title, String detail) {
        return response(status, body(status, type, title, detail), Map.of());
    }

    public static APIGatewayProxyResponseEvent of(
            int status, String type, String title, String detail, Map<String, String> headers) {
        return response(status, body(status, type, title, detail), headers);
    }

    public static APIGatewayProxyResponseEvent invalid(List<FieldError> errors) {
        ObjectNode body = body(
                400,
                "invalid-request",
                "The request is not valid",
                errors.size() + (errors.size() == 1 ? " field is" : " fields are") + " not valid");
        ArrayNode list = body.putArray("errors");
        errors.forEach(e -> list.addObject().put("field", e.field()).put("message", e.message()));
        return response(400, body, Map.of());
    }

    private static ObjectNode body(int status, String type, String title, String detail) {
        ObjectNode body = Json.internal().createObjectNode();
        body.put("type", "urn:orders:problem:" + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return body;
    }

    private static APIGatewayProxyResponseEvent response(int status, ObjectNode body, Map<String, String> headers) {
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put("Content-Type", CONTENT_TYPE);
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(status)
                .withHeaders(all)
                .withBody(body.toString());
    }
}
