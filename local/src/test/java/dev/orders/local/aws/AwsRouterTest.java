package dev.orders.local.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import dev.orders.functions.shared.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Which service an AWS call at the base URL goes to, and the answers when none serves it. */
class AwsRouterTest {

    private static final String SIGNED_FOR =
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261127/us-east-1/%s/aws4_request, "
                    + "SignedHeaders=host;x-amz-date, Signature=0123abcd";

    /** A service that records what it handled and accepts unsigned requests by a predicate. */
    static final class Recording implements AwsService {
        final String name;
        final Predicate<AwsRequest> accepts;
        final List<AwsRequest> handled = new ArrayList<>();

        Recording(String name, Predicate<AwsRequest> accepts) {
            this.name = name;
            this.accepts = accepts;
        }

        @Override
        public String signingName() {
            return name;
        }

        @Override
        public boolean accepts(AwsRequest request) {
            return accepts.test(request);
        }

        @Override
        public AwsResponse handle(AwsRequest request) {
            handled.add(request);
            return AwsResponse.json(200, "application/json", java.util.Map.of("servedBy", name));
        }
    }

    private final Recording kinesis = new Recording(
            "kinesis",
            r -> r.header("X-Amz-Target").filter(t -> t.startsWith("Kinesis_")).isPresent());
    private final Recording lambda = new Recording("lambda", r -> r.path().startsWith("/2015-03-31/"));
    private final Recording greedy = new Recording("s3", r -> true);
    private final AwsRouter router = new AwsRouter().register(kinesis).register(lambda);

    private static AwsRequest request(String method, String path, String rawQuery, String body, String... headers) {
        return AwsRequest.of(method, path, rawQuery, Headers.of(headers), body.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(AwsResponse response) throws Exception {
        return Json.internal().readTree(response.body());
    }

    @Test
    void the_sigv4_credential_scope_picks_the_service_before_any_service_is_asked() {
        AwsRouter withGreedy = new AwsRouter().register(greedy).register(lambda);
        AwsRequest signed =
                request("GET", "/2015-03-31/functions/", null, "", "Authorization", SIGNED_FOR.formatted("lambda"));
        assertThat(withGreedy.find(signed)).containsSame(lambda);
        assertThat(withGreedy.find(request("GET", "/2015-03-31/functions/", null, "")))
                .containsSame(greedy);
    }

    @Test
    void a_presigned_url_names_its_service_in_x_amz_credential() {
        AwsRequest presigned = request(
                "GET",
                "/anything",
                "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
                        + "AKID%2F20261127%2Fus-east-1%2Flambda%2Faws4_request&X-Amz-Signature=abc",
                "");
        assertThat(router.find(presigned)).containsSame(lambda);
    }

    @Test
    void sigv4a_scopes_without_a_region_are_read_too() {
        assertThat(CredentialScope.fromAuthorization(
                        "AWS4-ECDSA-P256-SHA256 Credential=AKID/20261127/kinesis/aws4_request, Signature=x"))
                .get()
                .satisfies(scope -> {
                    assertThat(scope.service()).isEqualTo("kinesis");
                    assertThat(scope.region()).isEmpty();
                });
        assertThat(CredentialScope.fromAuthorization("Bearer eyJhbGciOi")).isEmpty();
        assertThat(CredentialScope.fromCredential("too/short")).isEmpty();
    }

    @Test
    void an_unsigned_call_goes_to_the_service_that_accepts_it() throws Exception {
        AwsResponse answer = router.route(
                        request("POST", "/", null, "{}", "X-Amz-Target", "Kinesis_20131202.ListStreams"))
                .orElseThrow();
        assertThat(json(answer).path("servedBy").asText()).isEqualTo("kinesis");
        assertThat(kinesis.handled).hasSize(1);
    }

    @Test
    void a_request_that_is_no_aws_call_is_left_to_the_api() {
        assertThat(router.route(request("POST", "/orders", null, "{}", "Authorization", "Bearer a.b.c")))
                .isEmpty();
        assertThat(router.isAwsCall(request("GET", "/orders/o-1", null, ""))).isFalse();
    }

    @Test
    void a_call_signed_for_api_gateway_itself_is_an_api_request() {
        AwsRequest iam = request("GET", "/orders/o-1", null, "", "Authorization", SIGNED_FOR.formatted("execute-api"));
        assertThat(router.route(iam)).isEmpty();
        assertThat(router.isAwsCall(iam)).isFalse();
    }

    @Test
    void a_call_signed_for_a_service_not_served_here_is_400_in_its_own_protocol() throws Exception {
        AwsResponse query = router.route(request(
                        "POST",
                        "/",
                        null,
                        "Action=SendMessage&QueueUrl=q",
                        "Authorization",
                        SIGNED_FOR.formatted("sqs"),
                        "Content-Type",
                        "application/x-www-form-urlencoded"))
                .orElseThrow();
        assertThat(query.status()).isEqualTo(400);
        assertThat(query.contentType()).isEqualTo("application/xml");
        assertThat(new String(query.body(), StandardCharsets.UTF_8))
                .contains("<ErrorResponse><Error><Type>Sender</Type><Code>UnknownOperationException</Code>")
                .contains("service 'sqs'")
                .contains("served: kinesis, lambda");

        AwsResponse json = router.route(request(
                        "POST",
                        "/",
                        null,
                        "{}",
                        "Authorization",
                        SIGNED_FOR.formatted("dynamodb"),
                        "X-Amz-Target",
                        "DynamoDB_20120810.Scan",
                        "Content-Type",
                        "application/x-amz-json-1.0"))
                .orElseThrow();
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.contentType()).isEqualTo("application/x-amz-json-1.0");
        assertThat(json(json).path("__type").asText()).isEqualTo("UnknownOperationException");
    }

    @Test
    void an_x_amz_target_nobody_accepts_is_400_unknown_operation() throws Exception {
        AwsResponse answer = router.route(request("POST", "/", null, "{}", "X-Amz-Target", "DynamoDB_20120810.Scan"))
                .orElseThrow();
        assertThat(answer.status()).isEqualTo(400);
        assertThat(json(answer).path("message").asText()).contains("DynamoDB_20120810.Scan");
    }

    @Test
    void a_service_fault_is_500_in_the_services_protocol_not_a_gateway_failure() throws Exception {
        AwsService broken = new AwsService() {
            @Override
            public String signingName() {
                return "lambda";
            }

            @Override
            public boolean accepts(AwsRequest request) {
                return true;
            }

            @Override
            public AwsResponse handle(AwsRequest request) {
                throw new IllegalStateException("bug");
            }
        };
        AwsResponse answer = new AwsRouter()
                .register(broken)
                .route(request("GET", "/2015-03-31/functions/", null, ""))
                .orElseThrow();
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.headers()).containsEntry("X-Amzn-ErrorType", "InternalFailure");
        assertThat(json(answer).path("Type").asText()).isEqualTo("Service");
    }

    @Test
    void one_service_per_signing_name() {
        assertThatThrownBy(() -> router.register(new Recording("kinesis", r -> false)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(router.signingNames()).containsExactly("kinesis", "lambda");
    }

    @Test
    void query_parameters_and_a_form_body_are_read_together_for_the_query_protocol() {
        AwsRequest form = request(
                "POST",
                "/",
                "Version=2010-08-01",
                "Action=DescribeAlarms&StateValue=ALARM&AlarmNames.member.1=a%20b",
                "Content-Type",
                "application/x-www-form-urlencoded; charset=utf-8");
        assertThat(form.parameters())
                .containsEntry("Action", List.of("DescribeAlarms"))
                .containsEntry("Version", List.of("2010-08-01"))
                .containsEntry("AlarmNames.member.1", List.of("a b"));
        assertThat(AwsProtocol.of(form, "monitoring")).isEqualTo(AwsProtocol.QUERY);
        assertThat(request("POST", "/", null, "Action=X").parameters())
                .as("not a form")
                .doesNotContainKey("Action");
        assertThat(form.queryParameter("Version")).isEqualTo(Optional.of("2010-08-01"));
    }
}
