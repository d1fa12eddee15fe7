package dev.orders.local.objects;

import dev.orders.local.aws.AwsRequest;
import dev.orders.local.aws.CredentialScope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * A presigned URL (SigV4 in the query string, as {@code S3Presigner} and {@code aws s3 presign} make them), checked as
 * S3 checks it: the signature is computed again by the SDK's own {@link AwsV4HttpSigner} over the same method, path,
 * query, host and signing time, with the local stack's secret, and must be equal; the URL must not have expired
 * ({@code X-Amz-Date} + {@code X-Amz-Expires}, at most 7 days).
 */
final class PresignedRequest {

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Set<String> AUTH_PARAMETERS = Set.of(
            "x-amz-algorithm",
            "x-amz-credential",
            "x-amz-date",
            "x-amz-expires",
            "x-amz-signedheaders",
            "x-amz-signature",
            "x-amz-security-token");
    private static final long MAX_EXPIRES_SECONDS = 7 * 24 * 3600;

    private PresignedRequest() {}

    static boolean isPresigned(AwsRequest request) {
        return request.queryParameter("X-Amz-Signature").isPresent();
    }

    static void check(AwsRequest request, LocalCredentials credentials, Instant now) {
        String algorithm = required(request, "X-Amz-Algorithm");
        if (!algorithm.equals("AWS4-HMAC-SHA256")) {
            throw S3Error.invalidArgument("Only AWS4-HMAC-SHA256 is supported");
        }
        CredentialScope scope = CredentialScope.fromCredential(required(request, "X-Amz-Credential"))
                .filter(s -> s.region().isPresent())
                .orElseThrow(
                        () -> new S3Error(400, "AuthorizationQueryParametersError", "X-Amz-Credential is malformed"));
        if (!scope.accessKeyId().equals(credentials.accessKeyId())) {
            throw new S3Error(
                    403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.");
        }
        Instant signedAt;
        long expires;
        try {
            signedAt = AMZ_DATE.parse(required(request, "X-Amz-Date"), Instant::from);
            expires = Long.parseLong(required(request, "X-Amz-Expires"));
        } catch (DateTimeParseException | NumberFormatException malformed) {
            throw new S3Error(400, "AuthorizationQueryParametersError", "X-Amz-Date or X-Amz-Expires is malformed");
        }
        if (expires < 1 || expires > MAX_EXPIRES_SECONDS) {
            throw new S3Error(
                    400,
                    "AuthorizationQueryParametersError",
                    "X-Amz-Expires must be less than a week (in seconds) that is 604800");
        }
        if (now.isAfter(signedAt.plusSeconds(expires))) {
            throw S3Error.accessDenied("Request has expired");
        }
        String expected = signature(request, credentials, scope, signedAt, Duration.ofSeconds(expires));
        if (!MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                required(request, "X-Amz-Signature").getBytes(StandardCharsets.US_ASCII))) {
            throw new S3Error(
                    403,
                    "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
        }
    }

    private static String signature(
            AwsRequest request,
            LocalCredentials credentials,
            CredentialScope scope,
            Instant signedAt,
            Duration expires) {
        String host = request.header("Host").orElse("localhost");
        SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(request.method()))
                .uri(java.net.URI.create("http://" + host))
                .encodedPath(SdkHttpUtils.urlEncodeIgnoreSlashes(request.path()));
        request.query().forEach((name, values) -> {
            if (!AUTH_PARAMETERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                unsigned.putRawQueryParameter(name, values);
            }
        });
        for (String signed : required(request, "X-Amz-SignedHeaders").split(";")) {
            if (!signed.equals("host")) {
                request.header(signed).ifPresent(value -> unsigned.putHeader(signed, value));
            }
        }
        SdkHttpRequest resigned = AwsV4HttpSigner.create()
                .sign(r -> r.request(unsigned.build())
                        .identity(
                                AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey()))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, scope.service())
                        .putProperty(AwsV4HttpSigner.REGION_NAME, scope.region().orElseThrow())
                        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expires)
                        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                .request();
        Map<String, List<String>> query = resigned.rawQueryParameters();
        return query.getOrDefault("X-Amz-Signature", List.of("")).getFirst();
    }

    private static String required(AwsRequest request, String name) {
        return request.queryParameter(name)
                .orElseThrow(() -> new S3Error(
                        400,
                        "AuthorizationQueryParametersError",
                        "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, "
                                + "X-Amz-SignedHeaders, and X-Amz-Expires parameters."));
    }
}
