package dev.orders.local.asyncinvoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.shared.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The invocation record Lambda sends to an asynchronous invocation's destination: {@code version} 1.0, the
 * {@code timestamp}, {@code requestContext} (requestId, functionArn with the invoked qualifier or {@code $LATEST},
 * condition, approximateInvokeCount), the {@code requestPayload}, and when the function ran, {@code responseContext}
 * (statusCode, executedVersion, functionError) and {@code responsePayload}. Payloads that are JSON are embedded as
 * JSON, anything else as a string.
 */
final class InvocationRecord {

    /** Why the record was sent. */
    enum Condition {
        Success,
        RetriesExhausted,
        EventAgeExceeded
    }

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private InvocationRecord() {}

    static String of(AsyncEvent event, Condition condition, Instant now) {
        ObjectNode record = Json.internal().createObjectNode();
        record.put("version", "1.0");
        record.put("timestamp", TIMESTAMP.format(now));
        record.putObject("requestContext")
                .put("requestId", event.requestId())
                .put(
                        "functionArn",
                        FunctionArn.of(event.function()) + ":"
                                + event.qualifier().orElse(EventInvokeConfigs.LATEST))
                .put("condition", condition.name())
                .put("approximateInvokeCount", event.invocations());
        record.set("requestPayload", payload(event.payload()));
        event.lastResponse().ifPresent(last -> {
            ObjectNode response = record.putObject("responseContext").put("statusCode", last.status());
            if (last.executedVersion() != null) {
                response.put("executedVersion", last.executedVersion());
            }
            last.functionError().ifPresent(error -> response.put("functionError", error));
            record.set("responsePayload", payload(last.payload()));
        });
        return record.toString();
    }

    private static JsonNode payload(byte[] bytes) {
        try {
            JsonNode json = bytes.length == 0 ? null : Json.internal().readTree(bytes);
            return json != null
                    ? json
                    : Json.internal().getNodeFactory().textNode(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException notJson) {
            return Json.internal().getNodeFactory().textNode(new String(bytes, StandardCharsets.UTF_8));
        }
    }
}
