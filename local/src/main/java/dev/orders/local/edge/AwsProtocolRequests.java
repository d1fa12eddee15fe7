package dev.orders.local.edge;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Requests that reach the local endpoint the way an SDK or the AWS CLI addresses an AWS service: in AWS they go
 * to that service's own endpoint and never pass through the distribution, so the edge leaves them alone.
 */
final class AwsProtocolRequests {

    /** REST-JSON APIs address a dated version first: Lambda's {@code /2015-03-31/functions/...}, and others alike. */
    private static final Pattern DATED_API_PATH = Pattern.compile("^/\\d{4}-\\d{2}-\\d{2}/");

    private AwsProtocolRequests() {}

    /** Why the request is an AWS-protocol call, or empty when it is a viewer's request. */
    static Optional<String> reason(HttpExchange exchange) {
        Headers headers = exchange.getRequestHeaders();
        String path = exchange.getRequestURI().getRawPath();
        String authorization = headers.getFirst("Authorization");
        String query = exchange.getRequestURI().getRawQuery();
        String contentType = headers.getFirst("Content-Type");
        if (path != null && path.startsWith("/_local/")) {
            return Optional.of("local-only view");
        }
        if (headers.containsKey("X-Amz-Target")) {
            return Optional.of("AWS JSON protocol (X-Amz-Target)");
        }
        if (authorization != null && authorization.startsWith("AWS4-")) {
            return Optional.of("SigV4-signed request");
        }
        if (headers.containsKey("X-Amz-Date") || headers.containsKey("X-Amz-Content-Sha256")) {
            return Optional.of("SigV4-signed request");
        }
        if (query != null && (query.contains("X-Amz-Signature=") || query.contains("X-Amz-Credential="))) {
            return Optional.of("presigned URL");
        }
        if (path != null && DATED_API_PATH.matcher(path).find()) {
            return Optional.of("AWS REST API path");
        }
        if ("POST".equals(exchange.getRequestMethod())
                && contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            // The order API takes JSON only; a multipart POST is an S3 browser-based (presigned POST) upload.
            return Optional.of("S3 POST form upload");
        }
        return Optional.empty();
    }
}
