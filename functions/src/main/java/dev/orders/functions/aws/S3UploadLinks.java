package dev.orders.functions.aws;

import dev.orders.functions.shared.PostPolicy;
import dev.orders.functions.shared.UploadLinks;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Utilities;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

/**
 * Presigned receipts-bucket access with the function's own credentials: GET links from the SDK's {@link S3Presigner};
 * upload forms from {@link PostPolicy}, with the credentials (session token included) resolved by the SDK's provider
 * and the bucket's URL from {@link S3Utilities} (the SDK has no public API for POST policies: decision 0034).
 */
public final class S3UploadLinks implements UploadLinks {

    private final Supplier<S3Presigner> presigner;
    private final AwsCredentialsProvider credentials;
    private final Region region;
    private final String bucket;
    private final Supplier<URI> bucketUrl;
    private final Clock clock;

    public S3UploadLinks(
            S3Presigner presigner,
            AwsCredentialsProvider credentials,
            Region region,
            String bucket,
            Optional<URI> endpoint,
            Clock clock) {
        this(() -> presigner, credentials, region, bucket, endpoint, clock);
    }

    /**
     * With the presigner made on first use. Neither it nor the bucket's URL in AWS ({@link S3Utilities}) is needed
     * before the first receipt route: built in the constructor they loaded the S3 client's model, about 400 classes,
     * into every cold start of the order API, {@code POST /orders} included (issue 18). Under SnapStart the priming
     * ({@link #prime()}) makes both before the snapshot.
     */
    public S3UploadLinks(
            Supplier<S3Presigner> presigner,
            AwsCredentialsProvider credentials,
            Region region,
            String bucket,
            Optional<URI> endpoint,
            Clock clock) {
        this.presigner = once(presigner);
        this.credentials = credentials;
        this.region = region;
        this.bucket = bucket;
        this.clock = clock;
        // An endpoint override (an emulator, the local runtime) is addressed path-style; AWS virtual-hosted, as the SDK
        // builds it.
        this.bucketUrl = endpoint.<Supplier<URI>>map(
                        e -> () -> URI.create(e.toString().replaceAll("/+$", "") + "/" + bucket + "/"))
                .orElseGet(() -> once(() -> bucketRoot(region, bucket)));
    }

    @Override
    public UploadForm uploadForm(String key, long minBytes, long maxBytes, String contentTypePrefix, Duration expiry) {
        AwsCredentials resolved = credentials.resolveCredentials();
        Optional<String> token = resolved instanceof AwsSessionCredentials session
                ? Optional.of(session.sessionToken())
                : Optional.empty();
        return PostPolicy.form(
                bucketUrl.get(),
                region.id(),
                new PostPolicy.Conditions(bucket, key, minBytes, maxBytes, contentTypePrefix),
                new PostPolicy.Credentials(resolved.accessKeyId(), resolved.secretAccessKey(), token),
                clock.instant(),
                expiry);
    }

    @Override
    public Link download(String key, Duration expiry) {
        PresignedGetObjectRequest presigned = presigner
                .get()
                .presignGetObject(b -> b.signatureDuration(expiry)
                        .getObjectRequest(g -> g.bucket(bucket).key(key)));
        return new Link(URI.create(presigned.url().toString()), presigned.expiration());
    }

    /** SnapStart priming: signing loads the presigner's and the policy's code paths without a call to S3. */
    void prime() {
        uploadForm("receipts/snapstart-priming/none", 1, 1, "image/", Duration.ofMinutes(1));
        download("thumbnails/snapstart-priming/none.jpg", Duration.ofMinutes(1));
    }

    /** {@code make}'s value, made by the first call and kept (concurrent first calls make it once). */
    private static <T> Supplier<T> once(Supplier<T> make) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T made = value;
                if (made == null) {
                    synchronized (this) {
                        made = value;
                        if (made == null) {
                            made = java.util.Objects.requireNonNull(make.get(), "made nothing");
                            value = made;
                        }
                    }
                }
                return made;
            }
        };
    }

    private static URI bucketRoot(Region region, String bucket) {
        String object = S3Utilities.builder()
                .region(region)
                .build()
                .getUrl(b -> b.bucket(bucket).key("k"))
                .toString();
        return URI.create(object.substring(0, object.length() - 1));
    }
}
