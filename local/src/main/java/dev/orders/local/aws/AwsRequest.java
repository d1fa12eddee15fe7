package dev.orders.local.aws;

import com.sun.net.httpserver.Headers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request at the base URL, as an AWS service sees it: method, path (decoded), the raw query and
 * its decoded parameters, the headers (case-insensitive, multi-valued: the JDK's {@link Headers}), the body.
 */
public record AwsRequest(
        String method, String path, String rawQuery, Map<String, List<String>> query, Headers headers, byte[] body) {

    public AwsRequest {
        query = Map.copyOf(query);
        body = body == null ? new byte[0] : body;
    }

    /** A request built from its parts; the query string is parsed here. Tests and the gateway use it. */
    public static AwsRequest of(String method, String path, String rawQuery, Headers headers, byte[] body) {
        return new AwsRequest(method, path, rawQuery, parseParameters(rawQuery), headers, body);
    }

    /** The first value of a header, if present. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.getFirst(name));
    }

    /** The first value of a query parameter, if present. */
    public Optional<String> queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /**
     * The query parameters and, for a form-encoded body ({@code application/x-www-form-urlencoded}, the query
     * protocol's POST), the body's parameters after them: what a query-protocol service reads {@code Action} from.
     */
    public Map<String, List<String>> parameters() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        query.forEach((name, values) -> all.put(name, new ArrayList<>(values)));
        boolean form = header("Content-Type")
                .map(t -> t.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded"))
                .orElse(false);
        if (form) {
            parseParameters(new String(body, StandardCharsets.UTF_8))
                    .forEach((name, values) ->
                            all.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        }
        return all;
    }

    /** The SigV4 credential scope the request was signed with (Authorization header or presigned URL), if any. */
    public Optional<CredentialScope> credentialScope() {
        return header("Authorization")
                .flatMap(CredentialScope::fromAuthorization)
                .or(() -> queryParameter("X-Amz-Credential").flatMap(CredentialScope::fromCredential));
    }

    /** {@code a=1&b=2&a=3} decoded, in order; a malformed escape is kept as written. */
    public static Map<String, List<String>> parseParameters(String raw) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            parameters.computeIfAbsent(decode(kv[0]), k -> new ArrayList<>()).add(kv.length > 1 ? decode(kv[1]) : "");
        }
        return parameters;
    }

    public static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return s;
        }
    }
}
