package dev.orders.functions.aws;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Where the adapters find their region, credentials and endpoints: environment variables only, so the same
 * code runs in Lambda, against emulators and in tests. Endpoint overrides use the SDK's own variable names
 * ({@code AWS_ENDPOINT_URL_DYNAMODB}, then {@code AWS_ENDPOINT_URL}).
 */
public record AwsEnvironment(Map<String, String> variables) {

    public AwsEnvironment {
        variables = Map.copyOf(variables);
    }

    public static AwsEnvironment system() {
        return new AwsEnvironment(System.getenv());
    }

    public String required(String name) {
        return optional(name)
                .orElseThrow(() -> new IllegalStateException("environment variable " + name + " is not set"));
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }

    public Region region() {
        return Region.of(optional("AWS_REGION")
                .or(() -> optional("AWS_DEFAULT_REGION"))
                .orElseThrow(() -> new IllegalStateException("set AWS_REGION (Lambda sets it)")));
    }

    /**
     * Keys given in the environment are used as they are (plain Lambda, emulators). Without them the default
     * chain applies: under SnapStart Lambda hands out credentials through the container endpoint instead,
     * and those refresh after a restore where keys captured in a snapshot would not.
     */
    public AwsCredentialsProvider credentials() {
        Optional<String> keyId = optional("AWS_ACCESS_KEY_ID");
        Optional<String> secret = optional("AWS_SECRET_ACCESS_KEY");
        if (keyId.isEmpty() || secret.isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(optional("AWS_SESSION_TOKEN")
                .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(
                        token -> AwsSessionCredentials.create(keyId.get(), secret.get(), token))
                .orElseGet(() -> AwsBasicCredentials.create(keyId.get(), secret.get())));
    }

    /** {@code service} as in the SDK's variable names: DYNAMODB, EVENTBRIDGE, LAMBDA, CODEDEPLOY. */
    public Optional<URI> endpoint(String service) {
        return optional("AWS_ENDPOINT_URL_" + service)
                .or(() -> optional("AWS_ENDPOINT_URL"))
                .map(URI::create);
    }

    /** Applies region, credentials, the shared HTTP client and any endpoint override, then builds. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, String service) {
        builder.region(region()).credentialsProvider(credentials()).httpClient(HttpClientHolder.CLIENT);
        endpoint(service).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** One HTTP client per process: clients are built once, at init, and share its connections. */
    static final class HttpClientHolder {
        static final SdkHttpClient CLIENT = UrlConnectionHttpClient.builder().build();

        private HttpClientHolder() {}
    }
}
