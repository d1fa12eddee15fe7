package dev.orders.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.orders.local.RawHttp;
import dev.orders.local.auth.LocalIssuer;
import dev.orders.local.lambda.FunctionSettings;
import dev.orders.local.lambda.LocalFunction;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's own behaviour: the proxy event it builds and the answers API Gateway gives on the function's failures. */
class HttpGatewayTest {

    @TempDir
    Path data;

    HttpGateway gateway;
    String token;
    final HttpClient client = HttpClient.newHttpClient();
    final AtomicReference<APIGatewayProxyRequestEvent> seen = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        LocalIssuer issuer = LocalIssuer.open(data, "orders-api");
        token = issuer.token("alice", Duration.ofMinutes(5));
        gateway = new HttpGateway(issuer.verifier(), 1000, 1000);
        gateway.route(
                "POST",
                "/echo/{id}",
                true,
                function(
                        (event, context) -> {
                            seen.set(event);
                            return new APIGatewayProxyResponseEvent()
                                    .withStatusCode(201)
                                    .withHeaders(Map.of("X-One", "1"))
                                    .withMultiValueHeaders(Map.of("Set-Cookie", List.of("a=1", "b=2")))
                                    .withBody("ok");
                        },
                        null));
        gateway.route(
                "GET",
                "/open",
                false,
                function(
                        (event, context) -> new APIGatewayProxyResponseEvent()
                                .withStatusCode(200)
                                .withBody("open"),
                        null));
        gateway.route(
                "GET",
                "/broken",
                false,
                function(
                        (event, context) -> {
                            throw new IllegalStateException("bug");
                        },
                        null));
        gateway.route(
                "GET", "/malformed", false, function((event, context) -> new APIGatewayProxyResponseEvent(), null));
        gateway.start(0);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private static LocalFunction<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> function(
            RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler, Integer reserved) {
        return LocalFunction.inProcess(
                new FunctionSettings("Fn", "x", Duration.ofSeconds(5), 128, Optional.ofNullable(reserved)),
                APIGatewayProxyRequestEvent.class,
                APIGatewayProxyResponseEvent.class,
                handler);
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }

    @Test
    void the_proxy_event_carries_path_parameters_headers_query_and_claims() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/echo/42?tag=a&tag=b&x=%20y"))
                .header("Authorization", "Bearer " + token)
                .header("X-Multi", "1")
                .header("X-Multi", "2")
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}"))
                .header("Content-Type", "application/json")
                .build());
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().allValues("Set-Cookie")).containsExactly("a=1", "b=2");
        assertThat(response.headers().firstValue("X-One")).contains("1");
        assertThat(response.headers().firstValue("apigw-requestid")).isPresent();

        APIGatewayProxyRequestEvent event = seen.get();
        assertThat(event.getResource()).isEqualTo("/echo/{id}");
        assertThat(event.getPath()).isEqualTo("/echo/42");
        assertThat(event.getPathParameters()).isEqualTo(Map.of("id", "42"));
        assertThat(event.getQueryStringParameters()).containsEntry("tag", "b").containsEntry("x", " y");
        assertThat(event.getMultiValueQueryStringParameters()).containsEntry("tag", List.of("a", "b"));
        assertThat(event.getMultiValueHeaders()).containsEntry("x-multi", List.of("1", "2"));
        assertThat(event.getBody()).isEqualTo("{\"a\":1}");
        assertThat(event.getIsBase64Encoded()).isFalse();
        assertThat(event.getRequestContext().getStage()).isEqualTo("live");
        assertThat(event.getRequestContext().getRequestId())
                .isEqualTo(response.headers().firstValue("apigw-requestid").orElseThrow());
        @SuppressWarnings("unchecked")
        Map<String, String> claims =
                (Map<String, String>) event.getRequestContext().getAuthorizer().get("claims");
        assertThat(claims).containsEntry("sub", "alice");
    }

    @Test
    void a_binary_body_arrives_base64_encoded() throws Exception {
        send(HttpRequest.newBuilder(uri("/echo/1"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0x89, 'P', 'N', 'G'}))
                .build());
        assertThat(seen.get().getIsBase64Encoded()).isTrue();
        assertThat(seen.get().getBody()).isEqualTo("iVBORw==");
    }

    @Test
    void a_route_without_an_authorizer_needs_no_token() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/open")).build()).body()).isEqualTo("open");
    }

    @Test
    void a_function_error_is_500_internal_server_error() throws Exception {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(uri("/broken")).build());
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }

    @Test
    void a_malformed_proxy_response_is_500() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/malformed")).build()).statusCode())
                .isEqualTo(500);
    }

    @Test
    void a_throttled_function_is_500_as_api_gateway_answers_it() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        gateway.route(
                "GET",
                "/slow",
                false,
                function(
                        (event, context) -> {
                            inside.countDown();
                            try {
                                release.await(10, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return new APIGatewayProxyResponseEvent().withStatusCode(200);
                        },
                        1));
        var first =
                client.sendAsync(HttpRequest.newBuilder(uri("/slow")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(send(HttpRequest.newBuilder(uri("/slow")).build()).statusCode())
                .isEqualTo(500);
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void a_payload_over_10_mb_is_413_before_the_function() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/open"))
                .method("GET", HttpRequest.BodyPublishers.ofByteArray(new byte[10 * 1024 * 1024 + 1]))
                .build());
        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void an_unknown_aws_target_is_a_client_error_in_the_aws_shape() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/"))
                .header("X-Amz-Target", "DynamoDB_20120810.Scan")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("UnknownOperationException");
    }

    @Test
    void head_on_a_get_route_is_404_without_a_body_as_http_api_matches_methods_exactly() throws Exception {
        HttpResponse<String> onGetRoute = send(HttpRequest.newBuilder(uri("/open"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(onGetRoute.statusCode()).isEqualTo(404);
        assertThat(onGetRoute.body()).isEmpty();
        HttpResponse<String> nowhere = send(HttpRequest.newBuilder(uri("/nowhere"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build());
        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(nowhere.body()).isEmpty();
        assertThat(nowhere.headers().firstValue("Content-Length"))
                .contains(String.valueOf("{\"message\":\"Not Found\"}".length()));
    }

    @Test
    void a_body_cut_short_is_counted_and_the_next_request_is_served() throws Exception {
        RawHttp.sendAndHangUp(
                gateway.port(), "POST /echo/1 HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly this");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> gateway.clientErrors().incompleteBodies() == 1);
        assertThat(seen.get()).as("the function never ran").isNull();
        assertThat(send(HttpRequest.newBuilder(uri("/open")).build()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void a_malformed_chunk_size_is_400_bad_request_before_the_function() throws Exception {
        String answer = RawHttp.exchange(
                gateway.port(),
                "POST /echo/1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                        + "\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 400").endsWith("{\"message\":\"Bad Request\"}");
        assertThat(gateway.clientErrors().malformedBodies()).isEqualTo(1);
        assertThat(seen.get()).isNull();
    }
}
