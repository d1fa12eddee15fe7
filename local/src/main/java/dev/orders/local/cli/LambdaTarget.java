package dev.orders.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;

/**
 * Where the Lambda commands send their calls: the running platform's Lambda API (found through {@code --data} or
 * {@code --url}) by default, AWS with {@code --aws} (credentials and region from the SDK's default chains, or
 * {@code --profile}; {@code --region} wins). One SDK v2 {@link LambdaClient} either way, so what is tested locally is
 * the code that runs against an account.
 */
final class LambdaTarget {

    @Mixin
    DataOption data;

    @Mixin
    UrlOption url;

    @Option(
            names = "--aws",
            description =
                    "call AWS Lambda instead of the running platform (credentials and region from the default chains)")
    boolean aws;

    @Option(
            names = "--region",
            paramLabel = "R",
            description = "with --aws: the region (default: AWS_REGION, the profile's, …)")
    String region;

    @Option(
            names = "--profile",
            paramLabel = "P",
            description = "with --aws: the named profile for credentials and region")
    String profile;

    @Option(
            names = "--endpoint-url",
            paramLabel = "URL",
            description = "with --aws: another Lambda endpoint (a VPC endpoint, an emulator)")
    String endpointUrl;

    /** A client of the target; the caller closes it. */
    LambdaClient client() throws IOException {
        if (!aws && (region != null || profile != null || endpointUrl != null)) {
            throw new Main.CommandFailure(
                    "--region, --profile and --endpoint-url go with --aws (without it, the running platform is called)");
        }
        LambdaClientBuilder builder = LambdaClient.builder()
                // publishing a SnapStart version runs its init first: allow for it
                .httpClient(UrlConnectionHttpClient.builder()
                        .socketTimeout(Duration.ofMinutes(5))
                        .build());
        if (!aws) {
            // The local endpoint verifies no signature; any credentials and region do.
            return builder.endpointOverride(URI.create(localUrl().orElseThrow()))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .build();
        }
        AwsCredentialsProvider credentials = profile == null
                ? DefaultCredentialsProvider.builder().build()
                : ProfileCredentialsProvider.create(profile);
        builder.credentialsProvider(credentials).region(awsRegion());
        if (endpointUrl != null) {
            builder.endpointOverride(URI.create(endpointUrl));
        }
        return builder.build();
    }

    /** The running platform's base URL, when the target is local. */
    Optional<String> localUrl() throws IOException {
        return aws ? Optional.empty() : Optional.of(url.resolve(data.dir));
    }

    /**
     * Versions that deployments in progress use beyond what aliases show, by function, as the running platform says
     * ({@code /_local/versions-in-use}); none for AWS, where a deployment in progress shows as a weighted alias.
     */
    Map<String, Map<String, String>> versionsInUse() throws IOException {
        Optional<String> base = localUrl();
        if (base.isEmpty()) {
            return Map.of();
        }
        HttpURLConnection connection = (HttpURLConnection)
                URI.create(base.get() + "/_local/versions-in-use").toURL().openConnection();
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(30_000);
        int status;
        try {
            status = connection.getResponseCode();
        } catch (ConnectException down) {
            throw new Main.CommandFailure("cannot reach the platform at " + base.get() + ": is ./orders up running? ("
                    + down.getMessage() + ")");
        }
        if (status != 200) {
            // Without it a version a deployment is about to use could be deleted: refuse rather than guess.
            throw new Main.CommandFailure(
                    "the platform at " + base.get() + " does not say which versions deployments use "
                            + "(/_local/versions-in-use answered " + status + "); nothing was deleted");
        }
        JsonNode answer;
        try (InputStream body = connection.getInputStream()) {
            answer = Json.internal().readTree(body);
        }
        JsonNode functions = answer.path("functions");
        Map<String, Map<String, String>> inUse = new TreeMap<>();
        functions.properties().forEach(f -> {
            Map<String, String> versions = new TreeMap<>();
            f.getValue()
                    .properties()
                    .forEach(v -> versions.put(v.getKey(), v.getValue().asText()));
            inUse.put(f.getKey(), versions);
        });
        return inUse;
    }

    /** What the commands say they talked to. */
    String describe() throws IOException {
        return aws
                ? "AWS Lambda (" + awsRegion().id() + (profile == null ? "" : ", profile " + profile) + ")"
                : localUrl().orElseThrow();
    }

    private Region awsRegion() {
        if (region != null) {
            return Region.of(region);
        }
        try {
            return (profile == null
                            ? DefaultAwsRegionProviderChain.builder().build()
                            : DefaultAwsRegionProviderChain.builder()
                                    .profileName(profile)
                                    .build())
                    .getRegion();
        } catch (SdkClientException none) {
            throw new Main.CommandFailure("no AWS region: pass --region, or set AWS_REGION or a region in the profile");
        }
    }
}
