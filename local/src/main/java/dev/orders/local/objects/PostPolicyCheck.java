package dev.orders.local.objects;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
import dev.orders.functions.shared.PostPolicy;
import dev.orders.local.aws.CredentialScope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A browser POST upload's authorisation, checked as S3 checks it: the SigV4 signature over the base64 policy (with the
 * local stack's secret), the policy's expiration, and every condition against the form's fields and the bucket; and
 * every field of the form must be named by a condition ({@code policy}, {@code x-amz-signature}, {@code file} and
 * {@code x-ignore-*} excepted). Failures are S3's: {@code AccessDenied} ("Invalid according to Policy: …"),
 * {@code SignatureDoesNotMatch}, {@code InvalidAccessKeyId}, {@code InvalidPolicyDocument}, {@code InvalidArgument}.
 */
final class PostPolicyCheck {

    private static final Set<String> NOT_CONDITIONED = Set.of("policy", "x-amz-signature", "file");

    private PostPolicyCheck() {}

    /** The allowed content length range, when the policy has one. */
    record Allowed(long minBytes, long maxBytes) {}

    static Allowed check(Map<String, String> fields, String bucket, LocalCredentials credentials, Instant now) {
        Optional<String> policy = field(fields, "policy");
        if (policy.isEmpty()) {
            // No policy is an anonymous upload: the bucket blocks public access.
            throw S3Error.accessDenied("Access Denied");
        }
        String algorithm = require(fields, "x-amz-algorithm");
        if (!algorithm.equals(PostPolicy.ALGORITHM)) {
            throw S3Error.invalidArgument("Invalid algorithm: " + algorithm);
        }
        CredentialScope scope = CredentialScope.fromCredential(require(fields, "x-amz-credential"))
                .filter(s -> s.region().isPresent() && s.service().equals("s3"))
                .orElseThrow(() -> S3Error.invalidArgument(
                        "Invalid credential: the scope must be KEY/DATE/REGION/s3/aws4_request"));
        String date = require(fields, "x-amz-date");
        if (!scope.accessKeyId().equals(credentials.accessKeyId())) {
            throw new S3Error(
                    403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.");
        }
        if (date.length() < 8 || !date.startsWith(scope.date())) {
            throw S3Error.invalidArgument("x-amz-date must be on the credential's date " + scope.date());
        }
        String expected = PostPolicy.signature(
                credentials.secretAccessKey(), scope.date(), scope.region().orElseThrow(), policy.get());
        if (!MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                require(fields, "x-amz-signature").toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            throw new S3Error(
                    403,
                    "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
        }
        JsonNode document;
        try {
            document = Json.strict().readTree(Base64.getDecoder().decode(policy.get()));
        } catch (IllegalArgumentException | java.io.IOException unreadable) {
            throw new S3Error(400, "InvalidPolicyDocument", "Invalid Policy: Invalid JSON.");
        }
        if (document == null
                || !document.path("expiration").isTextual()
                || !document.path("conditions").isArray()) {
            throw new S3Error(
                    400, "InvalidPolicyDocument", "Invalid Policy: the policy needs an expiration and conditions.");
        }
        Instant expiration;
        try {
            expiration = Instant.parse(document.get("expiration").asText());
        } catch (DateTimeParseException badDate) {
            throw new S3Error(
                    400,
                    "InvalidPolicyDocument",
                    "Invalid Policy: Invalid 'expiration' value: '"
                            + document.get("expiration").asText() + "'");
        }
        if (!now.isBefore(expiration)) {
            throw S3Error.accessDenied("Invalid according to Policy: Policy expired.");
        }
        List<String> conditioned = new ArrayList<>();
        Allowed allowed = new Allowed(0, LocalS3.MAX_PUT_BYTES);
        for (JsonNode condition : document.get("conditions")) {
            if (condition.isObject() && condition.size() == 1) {
                var entry = condition.properties().iterator().next();
                String name = entry.getKey();
                conditioned.add(name.toLowerCase(Locale.ROOT));
                String actual = name.equalsIgnoreCase("bucket")
                        ? bucket
                        : field(fields, name).orElse(null);
                if (!entry.getValue().isTextual() || !entry.getValue().asText().equals(actual)) {
                    throw failed(condition);
                }
            } else if (condition.isArray()
                    && condition.size() == 3
                    && condition.get(0).isTextual()) {
                String operator = condition.get(0).asText().toLowerCase(Locale.ROOT);
                if (operator.equals("content-length-range")) {
                    if (!condition.get(1).canConvertToLong()
                            || !condition.get(2).canConvertToLong()) {
                        throw new S3Error(
                                400,
                                "InvalidPolicyDocument",
                                "Invalid Policy: Invalid content-length-range: " + condition);
                    }
                    allowed = new Allowed(
                            condition.get(1).asLong(), condition.get(2).asLong());
                    continue;
                }
                String variable = condition.get(1).asText();
                if (!variable.startsWith("$") || !condition.get(2).isTextual()) {
                    throw new S3Error(400, "InvalidPolicyDocument", "Invalid Policy: Invalid Condition: " + condition);
                }
                String name = variable.substring(1);
                conditioned.add(name.toLowerCase(Locale.ROOT));
                String actual = name.equalsIgnoreCase("bucket")
                        ? bucket
                        : field(fields, name).orElse(null);
                String value = condition.get(2).asText();
                boolean holds = switch (operator) {
                    case "eq" -> value.equals(actual);
                    // Content-Type may list several types, comma-separated: each must start with the value.
                    case "starts-with" ->
                        actual != null
                                && (name.equalsIgnoreCase("Content-Type")
                                        ? List.of(actual.split(",")).stream()
                                                .allMatch(t -> t.trim().startsWith(value))
                                        : actual.startsWith(value));
                    default ->
                        throw new S3Error(
                                400, "InvalidPolicyDocument", "Invalid Policy: Invalid Condition: " + condition);
                };
                if (!holds) {
                    throw failed(condition);
                }
            } else {
                throw new S3Error(400, "InvalidPolicyDocument", "Invalid Policy: Invalid Condition: " + condition);
            }
        }
        for (String name : fields.keySet()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!NOT_CONDITIONED.contains(lower) && !lower.startsWith("x-ignore-") && !conditioned.contains(lower)) {
                throw S3Error.accessDenied("Invalid according to Policy: Extra input fields: " + name);
            }
        }
        return allowed;
    }

    private static S3Error failed(JsonNode condition) {
        return S3Error.accessDenied("Invalid according to Policy: Policy Condition failed: " + condition);
    }

    private static String require(Map<String, String> fields, String name) {
        return field(fields, name)
                .orElseThrow(() -> S3Error.invalidArgument("Bucket POST must contain a field named '" + name + "'."));
    }

    private static Optional<String> field(Map<String, String> fields, String name) {
        return fields.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }
}
