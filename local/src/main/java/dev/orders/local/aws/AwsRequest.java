package dev.orders.local.aws;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An HTTP request to an AWS protocol endpoint; header names are compared case-insensitively. */
public record AwsRequest(String method, String path, String rawQuery, Map<String, List<String>> query,
                         Map<String, List<String>> headers, byte[] body) {

    public Optional<String> header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst();
    }

    /** The service name of the SigV4 credential scope ({@code Credential=AKID/date/region/SERVICE/aws4_request}). */
    public Optional<String> signingName() {
        return header("Authorization").flatMap(AwsRequest::scopeService)
                .or(() -> Optional.ofNullable(query.get("X-Amz-Credential")).flatMap(v -> v.stream().findFirst())
                        .flatMap(credential -> part(credential.split("/"), 3)));
    }

    private static Optional<String> scopeService(String authorization) {
        int at = authorization.indexOf("Credential=");
        if (at < 0) {
            return Optional.empty();
        }
        String credential = authorization.substring(at + "Credential=".length()).split("[, ]")[0];
        return part(credential.split("/"), 3);
    }

    private static Optional<String> part(String[] parts, int index) {
        return parts.length > index ? Optional.of(parts[index]) : Optional.empty();
    }
}
