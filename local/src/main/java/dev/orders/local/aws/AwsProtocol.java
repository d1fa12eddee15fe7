package dev.orders.local.aws;

import java.util.Locale;

/**
 * The four wire protocols AWS SDKs speak, as a request shows them: JSON with {@code X-Amz-Target}
 * (Kinesis, DynamoDB), REST-JSON (Lambda: {@code /2015-03-31/functions/…}), query ({@code Action=} in a
 * form-encoded body or the query string: CloudWatch, SQS's older protocol) and REST-XML (S3, path-style).
 * Used to answer in the right shape when no service can: an unknown service or a service's own fault.
 */
public enum AwsProtocol {
    JSON,
    REST_JSON,
    QUERY,
    REST_XML;

    /** The protocol a request speaks; {@code signingName} breaks the tie between the two REST protocols. */
    public static AwsProtocol of(AwsRequest request, String signingName) {
        if (request.header("X-Amz-Target").isPresent()) {
            return JSON;
        }
        if (request.parameters().containsKey("Action")) {
            return QUERY;
        }
        if ("s3".equals(signingName)) {
            return REST_XML;
        }
        boolean json = request.header("Content-Type")
                .map(t -> t.toLowerCase(Locale.ROOT).contains("json"))
                .orElse(false);
        return json || signingName != null && !signingName.isEmpty() ? REST_JSON : REST_XML;
    }
}
