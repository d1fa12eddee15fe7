package dev.orders.local.lambdaapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.asyncinvoke.EventInvokeConfigs;
import dev.orders.local.lambda.InMemoryLambda;
import dev.orders.local.time.TimeScale;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.RequestTooLargeException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/** Lambda's REST API at a local endpoint, through the SDK v2 client and raw HTTP where the wire itself is the point. */
class LambdaApiTest {

    static final String API = "OrderApiFunction";
    static final String OTHER = "NotificationsFunction";

    @TempDir
    Path data;

    InMemoryLambda lambda;
    LambdaEndpoint endpoint;
    LambdaClient client;
    final Map<String, String> inUse = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        lambda = new InMemoryLambda().add(InMemoryLambda.info(API)).add(InMemoryLambda.info(OTHER));
        // Two versions of OrderApi with different code, answering differently; the alias live on 1.
        lambda.build(API, "v1").publishVersion(API, java.util.Optional.empty());
        lambda.build(API, "v2").publishVersion(API, java.util.Optional.empty());
        lambda.behave(API, "1", (v, p, id) -> InMemoryLambda.ok(v, "{\"code\":\"one\"}"))
                .behave(API, "2", (v, p, id) -> InMemoryLambda.ok(v, "{\"code\":\"two\"}"))
                .alias(API, "live", "1");
        endpoint = new LambdaEndpoint(
                data,
                lambda,
                EventInvokeConfigs.NONE,
                function -> function.equals(API) ? Map.copyOf(inUse) : Map.of(),
                TimeScale.of(1, Instant.now()));
        client = LambdaClient.builder()
                .endpointOverride(URI.create(endpoint.url()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                // Lambda's answers are the point here, not the SDK's retries of them.
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        endpoint.close();
    }

    private InvokeResponse invoke(String name, String payload) {
        return client.invoke(r -> r.functionName(name).payload(SdkBytes.fromUtf8String(payload)));
    }

    @Test
    void two_versions_with_different_code_answer_side_by_side_each_naming_its_version() {
        InvokeResponse one = invoke(API + ":1", "{}");
        InvokeResponse two = invoke(API + ":2", "{}");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.executedVersion()).isEqualTo("1");
        assertThat(one.payload().asUtf8String()).isEqualTo("{\"code\":\"one\"}");
        assertThat(two.executedVersion()).isEqualTo("2");
        assertThat(two.payload().asUtf8String()).isEqualTo("{\"code\":\"two\"}");
        assertThat(invoke(API + ":live", "{}").executedVersion())
                .as("the alias routes to its version")
                .isEqualTo("1");
        assertThat(invoke(API, "{\"echo\":1}").executedVersion()).isEqualTo("$LATEST");
    }

    @Test
    void a_function_name_is_a_name_a_partial_arn_or_a_full_arn_with_or_without_a_qualifier() {
        String arn = "arn:aws:lambda:us-east-1:000000000000:function:" + API;
        assertThat(invoke(arn + ":2", "{}").executedVersion()).isEqualTo("2");
        assertThat(invoke("000000000000:function:" + API + ":live", "{}").executedVersion())
                .isEqualTo("1");
        assertThat(client.invoke(r -> r.functionName(arn).qualifier("2")).executedVersion())
                .isEqualTo("2");
        assertThatThrownBy(() -> client.invoke(r -> r.functionName(API + ":1").qualifier("2")))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("does not match the specified qualifier");
        assertThatThrownBy(() -> invoke("arn:aws:lambda:us-east-1:123456789012:function:" + API, "{}"))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> invoke("NoSuchFunction", "{}"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining(
                        "Function not found: arn:aws:lambda:us-east-1:000000000000:function:NoSuchFunction");
        assertThatThrownBy(() -> invoke(API + ":9", "{}")).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> invoke("bad name!", "{}"))
                .isInstanceOf(LambdaException.class)
                .satisfies(
                        e -> assertThat(((LambdaException) e).awsErrorDetails().errorCode())
                                .isEqualTo("ValidationException"))
                .satisfies(e -> assertThat(((LambdaException) e).statusCode()).isEqualTo(400));
        assertThat(lambda.calls(API)).as("nothing ran for a refused call").hasSize(3);
    }

    @Test
    void a_function_error_is_a_200_with_the_function_error_header_and_the_tail_of_the_log_on_request() {
        lambda.behave(API, "2", (v, p, id) -> InMemoryLambda.unhandled(v, "boom"));
        InvokeResponse failed =
                client.invoke(r -> r.functionName(API).qualifier("2").logType(LogType.TAIL));
        assertThat(failed.statusCode()).isEqualTo(200);
        assertThat(failed.functionError()).isEqualTo("Unhandled");
        assertThat(failed.payload().asUtf8String()).contains("\"errorMessage\":\"boom\"");
        assertThat(new String(Base64.getDecoder().decode(failed.logResult()), StandardCharsets.UTF_8))
                .contains("boom");
        assertThat(invoke(API + ":1", "{}").logResult())
                .as("no log unless asked")
                .isNull();
    }

    @Test
    void event_answers_202_at_once_and_the_event_runs_with_the_request_id_the_caller_got() {
        InvokeResponse queued = client.invoke(r -> r.functionName(API)
                .qualifier("live")
                .invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"n\":1}")));
        assertThat(queued.statusCode()).isEqualTo(202);
        String requestId = queued.responseMetadata().requestId();
        await().atMost(Duration.ofSeconds(10)).until(() -> !lambda.calls(API).isEmpty());
        InMemoryLambda.Call call = lambda.calls(API).getFirst();
        assertThat(call.requestId()).isEqualTo(requestId);
        assertThat(call.executedVersion()).isEqualTo("1");
        assertThat(call.payload()).isEqualTo("{\"n\":1}");
    }

    @Test
    void dry_run_answers_204_after_checking_the_function_and_runs_nothing() {
        assertThat(client.invoke(r -> r.functionName(API).qualifier("live").invocationType(InvocationType.DRY_RUN))
                        .statusCode())
                .isEqualTo(204);
        assertThatThrownBy(() -> client.invoke(
                        r -> r.functionName(API).qualifier("nope").invocationType(InvocationType.DRY_RUN)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(lambda.calls()).isEmpty();
    }

    @Test
    void a_throttled_invocation_is_429_with_lambdas_reason() throws Exception {
        lambda.throttle(API, 2);
        assertThatThrownBy(() -> invoke(API + ":1", "{}"))
                .isInstanceOf(TooManyRequestsException.class)
                .satisfies(e -> assertThat(((TooManyRequestsException) e).reasonAsString())
                        .isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded"));
        HttpResponse<String> raw = post("/2015-03-31/functions/" + API + "/invocations", "{}", Map.of());
        assertThat(raw.statusCode()).isEqualTo(429);
        assertThat(raw.headers().firstValue("X-Amzn-ErrorType")).hasValue("TooManyRequestsException");
        JsonNode body = Json.internal().readTree(raw.body());
        assertThat(body.path("Reason").asText()).isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");
        assertThat(body.path("Type").asText()).isEqualTo("User");
        assertThat(body.path("message").asText()).isEqualTo("Rate Exceeded.");
    }

    @Test
    void payloads_over_lambdas_limits_or_not_json_are_refused_before_anything_runs() {
        byte[] sixMegabytes = new byte[6 * 1024 * 1024 + 1];
        java.util.Arrays.fill(sixMegabytes, (byte) ' ');
        assertThatThrownBy(() -> client.invoke(r -> r.functionName(API).payload(SdkBytes.fromByteArray(sixMegabytes))))
                .isInstanceOf(RequestTooLargeException.class)
                .satisfies(e -> assertThat(((LambdaException) e).statusCode()).isEqualTo(413));
        String overOneMegabyte = "\"" + "x".repeat(1024 * 1024) + "\"";
        assertThatThrownBy(() -> client.invoke(r -> r.functionName(API)
                        .invocationType(InvocationType.EVENT)
                        .payload(SdkBytes.fromUtf8String(overOneMegabyte))))
                .isInstanceOf(RequestTooLargeException.class);
        assertThatThrownBy(() -> invoke(API, "{not json"))
                .isInstanceOf(InvalidRequestContentException.class)
                .hasMessageContaining("Could not parse request body into json");
        assertThatThrownBy(() -> invoke(API, "{} {}")).isInstanceOf(InvalidRequestContentException.class);
        assertThat(lambda.calls()).isEmpty();
        assertThat(endpoint.async().pending(java.util.Optional.empty(), 10)).isEmpty();
    }

    @Test
    void list_functions_pages_with_markers_and_the_paginator_sees_every_function() {
        var first = client.listFunctions(r -> r.maxItems(1));
        assertThat(first.functions())
                .extracting(FunctionConfiguration::functionName)
                .containsExactly(API);
        assertThat(first.nextMarker()).isNotBlank();
        assertThat(client.listFunctions(r -> r.maxItems(1).marker(first.nextMarker()))
                        .functions())
                .extracting(FunctionConfiguration::functionName)
                .containsExactly(OTHER);
        assertThat(client.listFunctionsPaginator(r -> r.maxItems(1)).functions())
                .extracting(FunctionConfiguration::functionName)
                .containsExactly(API, OTHER);
        FunctionConfiguration latest = first.functions().getFirst();
        assertThat(latest.version()).isEqualTo("$LATEST");
        assertThat(latest.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:" + API);
        assertThat(latest.runtimeAsString()).isEqualTo("java21");
        assertThat(latest.timeout()).isEqualTo(10);
        assertThat(latest.memorySize()).isEqualTo(1024);
        assertThat(client.listFunctions(r -> r.functionVersion("ALL")).functions())
                .extracting(FunctionConfiguration::version)
                .containsExactly("$LATEST", "1", "2", "$LATEST");
        assertThatThrownBy(() -> client.listFunctions(r -> r.marker("garbage!")))
                .isInstanceOf(InvalidParameterValueException.class);
    }

    @Test
    void get_function_through_an_alias_names_the_alias_and_its_version() {
        var function = client.getFunction(r -> r.functionName(API).qualifier("live"));
        assertThat(function.configuration().functionArn()).endsWith(":function:" + API + ":live");
        assertThat(function.configuration().version()).isEqualTo("1");
        assertThat(function.configuration().snapStart().optimizationStatusAsString())
                .isEqualTo("On");
        assertThat(function.code().repositoryType()).isEqualTo("S3");
        var configuration = client.getFunctionConfiguration(r -> r.functionName(API));
        assertThat(configuration.version()).isEqualTo("$LATEST");
        assertThat(configuration.functionArn()).endsWith(":function:" + API);
        assertThat(configuration.snapStart().optimizationStatusAsString())
                .as("SnapStart applies to published versions")
                .isEqualTo("Off");
        assertThat(configuration.lastModified()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+0000");
    }

    @Test
    void publish_version_snapshots_latest_once_per_change_and_checks_the_code_it_was_told() {
        assertThat(client.publishVersion(r -> r.functionName(API)).version())
                .as("nothing changed since 2")
                .isEqualTo("2");
        lambda.build(API, "v3");
        var published = client.publishVersion(r -> r.functionName(API).description("third"));
        assertThat(published.version()).isEqualTo("3");
        assertThat(published.description()).isEqualTo("third");
        assertThat(published.functionArn()).endsWith(":" + API + ":3");
        lambda.build(API, "v4");
        assertThatThrownBy(() -> client.publishVersion(r -> r.functionName(API).codeSha256("not-the-code")))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("is different from current CodeSHA256");
        assertThat(client.listVersionsByFunction(r -> r.functionName(API)).versions())
                .extracting(FunctionConfiguration::version)
                .containsExactly("$LATEST", "1", "2", "3");
        assertThatThrownBy(() -> client.publishVersion(r -> r.functionName(API + ":live")))
                .isInstanceOf(InvalidParameterValueException.class);
    }

    @Test
    void update_alias_sets_and_clears_a_routing_weight_that_get_and_list_show() {
        var canary = client.updateAlias(
                r -> r.functionName(API).name("live").routingConfig(c -> c.additionalVersionWeights(Map.of("2", 0.1))));
        assertThat(canary.functionVersion()).isEqualTo("1");
        assertThat(canary.routingConfig().additionalVersionWeights()).containsExactly(Map.entry("2", 0.1));
        assertThat(client.getAlias(r -> r.functionName(API).name("live"))
                        .routingConfig()
                        .additionalVersionWeights())
                .containsExactly(Map.entry("2", 0.1));
        assertThat(client.listAliases(r -> r.functionName(API).functionVersion("2"))
                        .aliases())
                .extracting(AliasConfiguration::name)
                .containsExactly("live");
        var done = client.updateAlias(r -> r.functionName(API)
                .name("live")
                .functionVersion("2")
                .routingConfig(c -> c.additionalVersionWeights(Map.of())));
        assertThat(done.functionVersion()).isEqualTo("2");
        assertThat(done.routingConfig()).isNull();
        assertThat(done.aliasArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:" + API + ":live");
        assertThatThrownBy(() ->
                        client.updateAlias(r -> r.functionName(API).name("live").revisionId("stale")))
                .isInstanceOf(LambdaException.class)
                .satisfies(e -> assertThat(((LambdaException) e).statusCode()).isEqualTo(412));
        assertThatThrownBy(() -> client.updateAlias(r -> r.functionName(API)
                        .name("live")
                        .routingConfig(c -> c.additionalVersionWeights(Map.of("1", 1.5)))))
                .isInstanceOf(LambdaException.class)
                .satisfies(e -> assertThat(((LambdaException) e).statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> client.getAlias(r -> r.functionName(API).name("nope")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void deleting_a_version_an_alias_or_a_deployment_uses_is_409_and_an_unused_one_goes() {
        assertThatThrownBy(() -> client.deleteFunction(r -> r.functionName(API).qualifier("1")))
                .isInstanceOf(ResourceConflictException.class)
                .satisfies(e -> assertThat(((LambdaException) e).statusCode()).isEqualTo(409));
        inUse.put("2", "deployment d-1, PreTraffic hook running");
        assertThatThrownBy(() -> client.deleteFunction(r -> r.functionName(API).qualifier("2")))
                .isInstanceOf(ResourceConflictException.class)
                .hasMessageContaining("deployment d-1");
        inUse.clear();
        assertThat(client.deleteFunction(r -> r.functionName(API).qualifier("2"))
                        .sdkHttpResponse()
                        .statusCode())
                .isEqualTo(204);
        assertThatThrownBy(() -> invoke(API + ":2", "{}")).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.deleteFunction(r -> r.functionName(API)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("pass Qualifier");
        assertThatThrownBy(() -> client.deleteFunction(r -> r.functionName(API).qualifier("$LATEST")))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> client.deleteFunction(r -> r.functionName(API).qualifier("live")))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThat(lambda.versions(API)).extracting(v -> v.version()).containsExactly("$LATEST", "1");
    }

    @Test
    void reserved_concurrency_is_read_set_refused_below_the_unreserved_minimum_and_removed() {
        assertThat(client.getFunctionConcurrency(r -> r.functionName(API)).reservedConcurrentExecutions())
                .isNull();
        assertThat(client.putFunctionConcurrency(r -> r.functionName(API).reservedConcurrentExecutions(40))
                        .reservedConcurrentExecutions())
                .isEqualTo(40);
        assertThat(client.getFunctionConcurrency(r -> r.functionName(API)).reservedConcurrentExecutions())
                .isEqualTo(40);
        assertThat(client.getFunction(r -> r.functionName(API)).concurrency().reservedConcurrentExecutions())
                .isEqualTo(40);
        assertThatThrownBy(() ->
                        client.putFunctionConcurrency(r -> r.functionName(OTHER).reservedConcurrentExecutions(900)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("minimum value of [100]");
        assertThatThrownBy(() ->
                        client.putFunctionConcurrency(r -> r.functionName(OTHER).reservedConcurrentExecutions(-1)))
                .isInstanceOf(LambdaException.class);
        client.deleteFunctionConcurrency(r -> r.functionName(API));
        assertThat(client.getFunctionConcurrency(r -> r.functionName(API)).reservedConcurrentExecutions())
                .isNull();
        assertThat(lambda.reservedConcurrency(OTHER)).isEmpty();
    }

    @Test
    void errors_carry_lambdas_type_header_and_body_and_operations_not_served_say_so() throws Exception {
        HttpResponse<String> missing = get("/2015-03-31/functions/NoSuchFunction/configuration");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("X-Amzn-ErrorType")).hasValue("ResourceNotFoundException");
        assertThat(missing.headers().firstValue("x-amzn-RequestId")).isPresent();
        JsonNode body = Json.internal().readTree(missing.body());
        assertThat(body.path("Type").asText()).isEqualTo("User");
        assertThat(body.path("Message").asText())
                .startsWith("Function not found: arn:aws:lambda:us-east-1:000000000000:function:NoSuchFunction");

        HttpResponse<String> create = post("/2015-03-31/functions", "{\"FunctionName\":\"x\"}", Map.of());
        assertThat(create.statusCode()).isEqualTo(400);
        assertThat(create.headers().firstValue("X-Amzn-ErrorType")).hasValue("UnknownOperationException");
        HttpResponse<String> garbage =
                put("/2017-10-31/functions/" + API + "/concurrency", "{\"ReservedConcurrentExecutions\": \"ten\"}");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.headers().firstValue("X-Amzn-ErrorType")).hasValue("InvalidRequestContentException");
        assertThat(put("/2017-10-31/functions/" + API + "/concurrency", "{").statusCode())
                .isEqualTo(400);
        assertThat(lambda.reservedConcurrency(API)).isEmpty();
    }

    @Test
    void an_unsigned_call_on_a_lambda_path_is_served_as_lambda() throws Exception {
        HttpResponse<String> listed = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(endpoint.url() + "/2015-03-31/functions/" + API + "/aliases"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(Json.internal()
                        .readTree(listed.body())
                        .path("Aliases")
                        .get(0)
                        .path("Name")
                        .asText())
                .isEqualTo("live");
    }

    @Test
    void versions_in_use_are_shown_to_the_prune_command() throws Exception {
        inUse.put("2", "deployment d-7");
        HttpResponse<String> view = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(endpoint.url() + "/_local/versions-in-use"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(Json.internal()
                        .readTree(view.body())
                        .path("functions")
                        .path(API)
                        .path("2")
                        .asText())
                .isEqualTo("deployment d-7");
    }

    // ---------------------------------------------------------------- raw HTTP, signed as the SDK would sign for
    // "lambda"

    private static final String AUTHORIZATION =
            "AWS4-HMAC-SHA256 Credential=x/20261130/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=0";

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(endpoint.url() + path))
                .header("Authorization", AUTHORIZATION)
                .GET());
    }

    private HttpResponse<String> put(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(endpoint.url() + path))
                .header("Authorization", AUTHORIZATION)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.url() + path))
                .header("Authorization", AUTHORIZATION)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
