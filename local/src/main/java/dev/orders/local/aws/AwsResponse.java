package dev.orders.local.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.orders.functions.shared.Json;

import java.util.Map;

/** One answer of an AWS service: status, content type, extra headers, body (empty for none). */
public record AwsResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

    public AwsResponse {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** A JSON answer: {@code value} (a record, a map or a Jackson tree) written by the one JSON mapper. */
    public static AwsResponse json(int status, String contentType, Object value) {
        return json(status, contentType, Map.of(), value);
    }

    public static AwsResponse json(int status, String contentType, Map<String, String> headers, Object value) {
        try {
            return new AwsResponse(status, contentType, headers, Json.internal().writeValueAsBytes(value));
        } catch (JsonProcessingException unwritable) {
            throw new IllegalStateException("an answer could not be written as JSON", unwritable);
        }
    }

    /** No body: a 204, or a HEAD-style answer. */
    public static AwsResponse empty(int status, Map<String, String> headers) {
        return new AwsResponse(status, null, headers, new byte[0]);
    }
}
