package dev.orders.local.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.shared.Json;
import java.nio.charset.StandardCharsets;

/** Lambda's error response for a function error: {@code errorMessage}, {@code errorType} and, from Java, {@code stackTrace}. */
final class ErrorDocument {

    private ErrorDocument() {}

    static byte[] of(Throwable thrown) {
        ObjectNode json = Json.internal().createObjectNode();
        json.put("errorMessage", String.valueOf(thrown.getMessage()));
        json.put("errorType", thrown.getClass().getName());
        ArrayNode trace = json.putArray("stackTrace");
        for (StackTraceElement frame : thrown.getStackTrace()) {
            trace.add(frame.toString());
        }
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] of(String type, String message) {
        return Json.internal()
                .createObjectNode()
                .put("errorMessage", message)
                .put("errorType", type)
                .toString()
                .getBytes(StandardCharsets.UTF_8);
    }
}
