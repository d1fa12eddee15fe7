package dev.orders.local.objects;

import dev.orders.functions.shared.PostPolicy;
import dev.orders.functions.shared.UploadLinks;
import dev.orders.local.template.LocalNames;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * The order API's presigned links on the local S3, signed with the local stack's key as the function's role would sign
 * them in AWS: upload forms by {@link PostPolicy}, GET links by the SDK's {@link AwsV4HttpSigner} (query-string
 * SigV4, as {@code S3Presigner} makes them), both path-style at the runtime's base URL.
 */
public final class LocalUploadLinks implements UploadLinks {

    private final Supplier<URI> baseUrl;
    private final String bucket;
    private final LocalCredentials credentials;
    private final Clock clock;

    public LocalUploadLinks(Supplier<URI> baseUrl, String bucket, LocalCredentials credentials, Clock clock) {
        this.baseUrl = baseUrl;
        this.bucket = bucket;
        this.credentials = credentials;
        this.clock = clock;
    }

    @Override
    public UploadForm uploadForm(String key, long minBytes, long maxBytes, String contentTypePrefix, Duration expiry) {
        return PostPolicy.form(
                bucketUrl(),
                LocalNames.REGION,
                new PostPolicy.Conditions(bucket, key, minBytes, maxBytes, contentTypePrefix),
                new PostPolicy.Credentials(credentials.accessKeyId(), credentials.secretAccessKey(), Optional.empty()),
                clock.instant(),
                expiry);
    }

    @Override
    public Link download(String key, Duration expiry) {
        URI base = baseUrl.get();
        SdkHttpRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.request(SdkHttpFullRequest.builder()
                                .method(SdkHttpMethod.GET)
                                .uri(base)
                                .encodedPath(SdkHttpUtils.urlEncodeIgnoreSlashes("/" + bucket + "/" + key))
                                .build())
                        .identity(
                                AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey()))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, LocalNames.REGION)
                        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expiry)
                        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                        .putProperty(HttpSigner.SIGNING_CLOCK, clock))
                .request();
        return new Link(
                signed.getUri(),
                clock.instant()
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        .plus(expiry));
    }

    private URI bucketUrl() {
        return URI.create(baseUrl.get().toString().replaceAll("/+$", "") + "/" + bucket + "/");
    }
}
