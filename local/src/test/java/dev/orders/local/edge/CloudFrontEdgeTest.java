package dev.orders.local.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.local.auth.LocalIssuer;
import dev.orders.local.gateway.HttpGateway;
import dev.orders.local.lambda.FunctionSettings;
import dev.orders.local.lambda.LocalFunction;
import dev.orders.local.template.SamTemplate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution in front of the local gateway: the function's answers, the response headers policy, what passes by. */
class CloudFrontEdgeTest {

    @TempDir
    Path data;

    HttpGateway gateway;
    CloudFrontEdge edge;
    final HttpClient client = HttpClient.newHttpClient();
    final AtomicReference<APIGatewayProxyRequestEvent> seen = new AtomicReference<>();

    @AfterEach
    void stop() {
        gateway.close();
        edge.close();
    }

    /** A gateway behind {@code template}'s distribution, with routes that record what reached them. */
    void start(SamTemplate template) throws Exception {
        gateway = new HttpGateway(LocalIssuer.open(data, "orders-api").verifier(), 1000, 1000);
        edge = CloudFrontEdge.open(template, data).orElseThrow();
        gateway.edge(edge);
        gateway.route("GET", "/orders/{orderId}", false, route(200, Map.of()));
        gateway.route(
                "GET",
                "/denied",
                false,
                route(403, Map.of("X-Frame-Options", "SAMEORIGIN", "Permissions-Policy", "camera=(self)")));
        gateway.route("POST", "/2015-03-31/functions/{name}/invocations", false, route(200, Map.of()));
        gateway.local(new dev.orders.local.views.LocalViews()
                .register("probe", query -> dev.orders.local.views.View.Answer.ok(Map.of())));
        gateway.start(0);
    }

    void startWithTheDeployedTemplate() throws Exception {
        start(SamTemplate.bundled());
    }

    private LocalFunction<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> route(
            int status, Map<String, String> headers) {
        return LocalFunction.inProcess(
                new FunctionSettings("Fn", "x", Duration.ofSeconds(5), 128, Optional.empty()),
                APIGatewayProxyRequestEvent.class,
                APIGatewayProxyResponseEvent.class,
                (event, context) -> {
                    seen.set(event);
                    return new APIGatewayProxyResponseEvent()
                            .withStatusCode(status)
                            .withHeaders(headers)
                            .withBody("{}");
                });
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path));
    }

    private static void assertSecurityHeaders(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Strict-Transport-Security"))
                .contains("max-age=63072000; includeSubDomains");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).contains("strict-origin-when-cross-origin");
        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp)
                        .contains("script-src 'self'")
                        .contains("style-src 'self'")
                        .contains("frame-ancestors 'none'"));
    }

    @Test
    void a_legacy_order_link_answers_301_to_the_current_path() throws Exception {
        startWithTheDeployedTemplate();

        HttpResponse<String> response = send(request("/order/ABC").GET());

        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location")).contains("/orders/ABC");
        assertThat(response.headers().firstValue("X-Cache")).contains("FunctionGeneratedResponse from cloudfront");
        assertThat(response.headers().firstValue("apigw-requestid"))
                .as("API Gateway never saw it")
                .isEmpty();
        assertSecurityHeaders(response);
        assertThat(seen.get()).isNull();
    }

    @Test
    void a_head_request_is_redirected_without_a_body() throws Exception {
        startWithTheDeployedTemplate();

        HttpResponse<String> response = send(request("/track/XYZ").method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location")).contains("/orders/XYZ");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void an_upper_case_path_with_tracking_reaches_the_api_normalised() throws Exception {
        startWithTheDeployedTemplate();

        HttpResponse<String> response =
                send(request("/ORDERS/ABC?utm_source=x&gclid=1").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(seen.get().getPath()).isEqualTo("/orders/ABC");
        assertThat(seen.get().getPathParameters()).containsEntry("orderId", "ABC");
        assertThat(seen.get().getQueryStringParameters()).isNull();
        assertThat(response.headers().firstValue("X-Cache")).contains("Miss from cloudfront");
        assertSecurityHeaders(response);
    }

    @Test
    void the_query_reaches_the_api_in_canonical_order_without_tracking_parameters() throws Exception {
        startWithTheDeployedTemplate();

        send(request("/orders/ABC?z=2&utm_medium=mail&a=1&a=0&fbclid=f").GET());

        assertThat(seen.get().getMultiValueQueryStringParameters()).containsOnlyKeys("a", "z");
        assertThat(seen.get().getMultiValueQueryStringParameters().get("a")).containsExactly("1", "0");
    }

    @Test
    void error_responses_from_the_origin_carry_the_policy_and_override_follows_the_template() throws Exception {
        startWithTheDeployedTemplate();

        HttpResponse<String> denied = send(request("/denied").GET());
        HttpResponse<String> missing = send(request("/no/such/route").GET());

        assertThat(denied.statusCode()).isEqualTo(403);
        assertSecurityHeaders(denied);
        assertThat(denied.headers().firstValue("X-Frame-Options"))
                .as("Override: true replaces the origin's")
                .contains("DENY");
        assertThat(denied.headers().firstValue("Permissions-Policy"))
                .as("Override: false keeps the origin's")
                .contains("camera=(self)");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertSecurityHeaders(missing);
        assertThat(missing.headers().firstValue("Permissions-Policy"))
                .contains("camera=(), microphone=(), geolocation=(), payment=()");
    }

    @Test
    void aws_protocol_requests_pass_by_the_distribution_untouched() throws Exception {
        startWithTheDeployedTemplate();

        HttpResponse<String> lambda = send(request("/2015-03-31/functions/MyFunction/invocations?utm_source=x")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        HttpResponse<String> signed = send(request("/ORDERS/ABC?utm_source=x")
                .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=0")
                .GET());
        HttpResponse<String> form = send(request("/receipts-bucket")
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofString("--x--")));
        HttpResponse<String> local = send(request("/_local/probe").GET());

        assertThat(lambda.statusCode()).isEqualTo(200);
        assertThat(seen.get().getPath()).isEqualTo("/2015-03-31/functions/MyFunction/invocations");
        assertThat(seen.get().getQueryStringParameters()).containsEntry("utm_source", "x");
        assertThat(signed.statusCode()).as("not rewritten to /orders/ABC").isEqualTo(404);
        assertThat(form.statusCode()).isEqualTo(404);
        for (HttpResponse<String> response : java.util.List.of(lambda, signed, form, local)) {
            assertThat(response.headers().firstValue("Strict-Transport-Security"))
                    .isEmpty();
            assertThat(response.headers().firstValue("X-Cache")).isEmpty();
        }
        assertThat(edge.health().get("invocations").asLong()).isZero();
        assertThat(edge.health().get("awsProtocolRequestsPassedBy").asLong()).isEqualTo(3);
    }

    @Test
    void the_health_view_says_starting_until_the_function_is_warm() throws Exception {
        startWithTheDeployedTemplate();
        assertThat(edge.health().get("status").asText()).isEqualTo("STARTING");

        edge.warmUp();

        assertThat(edge.health().get("status").asText()).isEqualTo("UP");
        assertThat(edge.health().get("invocations").asLong())
                .as("priming is not traffic")
                .isZero();
    }

    @Test
    void a_function_that_throws_answers_503_like_cloudfront_and_is_counted() throws Exception {
        start(
                templateWith(
                        "async function handler(event) { if (event.request.uri === '/fail') { throw new Error('bug'); } return event.request; }"));

        HttpResponse<String> failed = send(request("/fail").GET());
        HttpResponse<String> next = send(request("/orders/A1").GET());

        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(failed.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(failed.body()).contains("503 ERROR").doesNotContain("bug");
        assertThat(failed.headers().firstValue("X-Cache")).contains("Error from cloudfront");
        assertThat(failed.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(next.statusCode()).isEqualTo(200);
        JsonNode health = edge.health();
        assertThat(health.get("invocations").asLong()).isEqualTo(2);
        assertThat(health.get("executionErrors").asLong()).isEqualTo(1);
    }

    @Test
    void a_function_that_returns_something_cloudfront_refuses_answers_502() throws Exception {
        start(templateWith("""
                function handler(event) {
                  if (event.request.uri === '/nothing') { return undefined; }
                  event.request.uri = 'relative';
                  return event.request;
                }"""));

        assertThat(send(request("/nothing").GET()).statusCode()).isEqualTo(502);
        assertThat(send(request("/orders/A1").GET()).statusCode()).isEqualTo(502);
        assertThat(edge.health().get("validationErrors").asLong()).isEqualTo(2);
        assertThat(seen.get()).isNull();
    }

    @Test
    void a_response_built_by_the_function_carries_its_headers_cookies_and_body() throws Exception {
        start(templateWith("""
                function handler(event) {
                  return { statusCode: 403, statusDescription: 'Forbidden',
                    headers: { 'content-type': { value: 'text/plain' }, 'x-frame-options': { value: 'SAMEORIGIN' } },
                    cookies: { session: { value: 'none', attributes: 'Path=/; Secure' } },
                    body: { encoding: 'base64', data: 'bm8gZW50cnk=' } };
                }"""));

        HttpResponse<String> response = send(request("/anything").GET());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("no entry");
        assertThat(response.headers().firstValue("Set-Cookie")).contains("session=none; Path=/; Secure");
        assertThat(response.headers().firstValue("X-Frame-Options"))
                .as("the policy overrides")
                .contains("DENY");
    }

    @Test
    void a_request_rewritten_by_the_function_reaches_the_api_with_its_headers_and_cookies() throws Exception {
        start(templateWith("""
                function handler(event) {
                  event.request.uri = '/orders/FROM-EDGE';
                  event.request.headers['x-edge'] = { value: 'yes' };
                  event.request.cookies['added'] = { value: '1' };
                  event.request.querystring = { b: { value: '2' }, a: { value: '1', multiValue: [{ value: '1' }, { value: '3' }] } };
                  return event.request;
                }"""));

        send(request("/elsewhere?x=1").header("Cookie", "kept=0").GET());

        assertThat(seen.get().getPath()).isEqualTo("/orders/FROM-EDGE");
        assertThat(seen.get().getHeaders()).containsEntry("x-edge", "yes").containsEntry("cookie", "kept=0; added=1");
        assertThat(seen.get().getMultiValueQueryStringParameters())
                .containsEntry("a", java.util.List.of("1", "3"))
                .containsEntry("b", java.util.List.of("2"));
    }

    @Test
    void an_edit_of_the_store_file_changes_the_next_request_and_a_refused_edit_keeps_the_table() throws Exception {
        startWithTheDeployedTemplate();
        Path table = data.resolve("edge/EdgeRedirects.json");
        assertThat(table).exists();

        write(
                table,
                "{\"data\": [{\"key\": \"/spring-sale\", \"value\": \"{\\\"to\\\": \\\"/sale\\\", \\\"status\\\": 307}\"}]}",
                1);
        HttpResponse<String> added = send(request("/spring-sale").GET());
        HttpResponse<String> removed = send(request("/order/ABC").GET());
        write(table, "{\"data\": [{\"key\": \"/a\", \"value\": \"x\"}, {\"key\": \"/a\", \"value\": \"y\"}]}", 2);
        HttpResponse<String> afterRefusal = send(request("/spring-sale").GET());

        assertThat(added.statusCode()).isEqualTo(307);
        assertThat(added.headers().firstValue("Location")).contains("/sale");
        assertThat(removed.statusCode())
                .as("no longer in the table: forwarded, and no route")
                .isEqualTo(404);
        assertThat(afterRefusal.statusCode())
                .as("duplicate keys are refused, the previous table stays")
                .isEqualTo(307);
    }

    private static void write(Path file, String content, int secondsLater) throws Exception {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        // Change detection reads the modification time; make each edit visibly newer.
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(secondsLater)));
    }

    /** The deployed template's distribution with {@code code} as its function (inline, no key value store). */
    static SamTemplate templateWith(String code) {
        String indented = ("        " + code.replace("\n", "\n        ")).stripTrailing();
        return SamTemplate.parse("""
                Resources:
                  Fn:
                    Type: AWS::CloudFront::Function
                    Properties:
                      Name: test
                      AutoPublish: true
                      FunctionConfig:
                        Runtime: cloudfront-js-2.0
                      FunctionCode: |
                %s
                  Headers:
                    Type: AWS::CloudFront::ResponseHeadersPolicy
                    Properties:
                      ResponseHeadersPolicyConfig:
                        Name: test
                        SecurityHeadersConfig:
                          ContentTypeOptions: {Override: true}
                          FrameOptions: {FrameOption: DENY, Override: true}
                  Distribution:
                    Type: AWS::CloudFront::Distribution
                    Properties:
                      DistributionConfig:
                        Enabled: true
                        DefaultCacheBehavior:
                          TargetOriginId: api
                          ViewerProtocolPolicy: https-only
                          ResponseHeadersPolicyId: !Ref Headers
                          FunctionAssociations:
                            - EventType: viewer-request
                              FunctionARN: !GetAtt Fn.FunctionMetadata.FunctionARN
                        Origins:
                          - Id: api
                            DomainName: example.com
                            CustomOriginConfig: {OriginProtocolPolicy: https-only}
                """.formatted(indented));
    }
}
