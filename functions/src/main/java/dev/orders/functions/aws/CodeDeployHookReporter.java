package dev.orders.functions.aws;

import dev.orders.functions.deploy.HookStatus;
import dev.orders.functions.deploy.HookStatusReporter;
import dev.orders.functions.shared.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/**
 * CodeDeploy's PutLifecycleEventHookExecutionStatus. The SDK's codedeploy module is not available from our
 * registry, so this sends the one call the hooks need with SDK v2's own SigV4 signer and HTTP client, on
 * CodeDeploy's JSON 1.1 protocol (docs/decisions/0003-emulators-and-sdk-gaps.md).
 */
public final class CodeDeployHookReporter implements HookStatusReporter {

    static final String TARGET = "CodeDeploy_20141006.PutLifecycleEventHookExecutionStatus";

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Region region;
    private final URI endpoint;

    public CodeDeployHookReporter(SdkHttpClient http, AwsCredentialsProvider credentials, Region region, URI endpoint) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.endpoint = endpoint;
    }

    public static CodeDeployHookReporter fromEnvironment(AwsEnvironment environment) {
        Region region = environment.region();
        URI endpoint = environment.endpoint("CODEDEPLOY").orElseGet(() -> regionalEndpoint(region));
        return new CodeDeployHookReporter(
                AwsEnvironment.HttpClientHolder.CLIENT, environment.credentials(), region, endpoint);
    }

    /** CodeDeploy's endpoint in the region's partition (amazonaws.com, amazonaws.com.cn, ...). */
    static URI regionalEndpoint(Region region) {
        String domain = Optional.ofNullable(region.metadata())
                .map(RegionMetadata::domain)
                .orElse("amazonaws.com");
        return URI.create("https://codedeploy." + region.id() + "." + domain + "/");
    }

    @Override
    public void report(String deploymentId, String lifecycleEventHookExecutionId, HookStatus status) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("deploymentId", deploymentId);
        body.put("lifecycleEventHookExecutionId", lifecycleEventHookExecutionId);
        body.put("status", status.apiValue());
        byte[] bytes = json(body);
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", TARGET)
                .putHeader("Content-Length", Integer.toString(bytes.length))
                .build();
        SignedRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(credentials.resolveCredentials())
                        .request(request)
                        .payload(ContentStreamProvider.fromByteArray(bytes))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "codedeploy")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                            .request(signed.request())
                            .contentStreamProvider(signed.payload().orElse(null))
                            .build())
                    .call();
            int code = response.httpResponse().statusCode();
            if (code / 100 != 2) {
                throw new IllegalStateException("CodeDeploy answered " + code + ": " + text(response));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach CodeDeploy at " + endpoint, e);
        }
    }

    private static byte[] json(Map<String, String> body) {
        try {
            return Json.internal().writeValueAsBytes(body);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    private static String text(HttpExecuteResponse response) throws IOException {
        if (response.responseBody().isEmpty()) {
            return "";
        }
        try (InputStream in = response.responseBody().get()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
