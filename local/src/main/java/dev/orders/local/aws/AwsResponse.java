package dev.orders.local.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.orders.functions.shared.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * One answer of an AWS service: status, content type, extra headers, and a body, either in memory or, for large ones
 * (S3 objects), a {@link Streamed} source the endpoint copies out without holding it whole.
 */
public record AwsResponse(
        int status, String contentType, Map<String, String> headers, byte[] body, Optional<Streamed> streamed) {

    /** A body of known length, opened when the answer is written and closed after. */
    public interface Streamed {
        long length();

        InputStream open() throws IOException;
    }

    public AwsResponse {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
        streamed = streamed == null ? Optional.empty() : streamed;
    }

    public AwsResponse(int status, String contentType, Map<String, String> headers, byte[] body) {
        this(status, contentType, headers, body, Optional.empty());
    }

    /** An answer whose body is streamed from {@code body}. */
    public static AwsResponse streamed(int status, String contentType, Map<String, String> headers, Streamed body) {
        return new AwsResponse(status, contentType, headers, new byte[0], Optional.of(body));
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
