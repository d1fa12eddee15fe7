package dev.orders.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.local.Http;
import dev.orders.local.LocalPlatform;
import dev.orders.local.store.Faults;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API as the template declares it, and the local gateway serving exactly that. */
class HttpApiTest {

    private final HttpApi deployed = HttpApi.of(SamTemplate.read(Repository.template()), "OrdersHttpApi");

    @Test
    void the_deployed_api_has_its_four_routes_with_their_functions_authorization_and_timeouts() {
        assertThat(deployed.routes())
                .containsExactlyInAnyOrder(
                        new HttpApi.Route("POST", "/orders", "JWT", "OrderApiFunction", 29_000, "1.0"),
                        new HttpApi.Route("GET", "/orders/{orderId}", "JWT", "OrderApiFunction", 29_000, "1.0"),
                        new HttpApi.Route(
                                "POST", "/orders/{orderId}/receipts", "JWT", "OrderApiFunction", 29_000, "1.0"),
                        new HttpApi.Route(
                                "POST",
                                "/payments/callbacks/{provider}",
                                "NONE",
                                "PaymentWebhookFunction",
                                10_000,
                                "1.0"));
    }

    @Test
    void the_throttling_is_the_stages() {
        assertThat(deployed.throttling()).isEqualTo(new HttpApi.Throttling(100, 50));
    }

    @Test
    void a_sam_http_api_with_http_api_events_reads_the_same() {
        HttpApi sam = HttpApi.of(SamTemplate.parse("""
                Resources:
                  Api:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      DefaultRouteSettings: {ThrottlingBurstLimit: 5, ThrottlingRateLimit: 2.5}
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Get: {Type: HttpApi, Properties: {ApiId: !Ref Api, Method: get, Path: /things, TimeoutInMillis: 5000}}
                        Open: {Type: HttpApi, Properties: {ApiId: !Ref Api, Method: POST, Path: /open, Auth: {Authorizer: NONE}}}
                """), "Api");

        assertThat(sam.throttling()).isEqualTo(new HttpApi.Throttling(2.5, 5));
        assertThat(sam.routes())
                .containsExactlyInAnyOrder(
                        new HttpApi.Route("GET", "/things", "JWT", "Fn", 5_000, "2.0"),
                        new HttpApi.Route("POST", "/open", "NONE", "Fn", 30_000, "2.0"));
    }

    @Test
    void without_route_settings_the_account_defaults_apply() {
        HttpApi bare = HttpApi.of(SamTemplate.parse("""
                Resources:
                  Api: {Type: AWS::ApiGatewayV2::Api, Properties: {ProtocolType: HTTP}}
                """), "Api");

        assertThat(bare.throttling()).isEqualTo(HttpApi.ACCOUNT_DEFAULT);
        assertThat(bare.routes()).isEmpty();
    }

    @Test
    void a_route_whose_target_is_not_an_integration_is_refused() {
        SamTemplate broken = SamTemplate.parse("""
                Resources:
                  Api: {Type: AWS::ApiGatewayV2::Api, Properties: {ProtocolType: HTTP}}
                  R: {Type: AWS::ApiGatewayV2::Route, Properties: {ApiId: !Ref Api, RouteKey: GET /x, Target: somewhere}}
                """);

        assertThatThrownBy(() -> HttpApi.of(broken, "Api")).hasMessageContaining("route R needs");
        assertThatThrownBy(() -> HttpApi.of(broken, "Nope")).hasMessageContaining("no API Nope");
    }

    /**
     * The local runtime wires its routes by hand: every route of the template must be served, behind the JWT
     * authorizer exactly when the template puts it there (the gateway's own 401 says so, before any function runs).
     */
    @Test
    void the_local_gateway_serves_every_route_of_the_template_with_its_authorization(@TempDir Path data)
            throws Exception {
        try (LocalPlatform platform = LocalPlatform.open(data, Faults.none()).start(0)) {
            Http http = new Http(platform.url());
            for (HttpApi.Route route : deployed.routes()) {
                String path = route.path().replaceAll("\\{[^}]+}", "route-check");
                HttpResponse<String> response = route.method().equals("GET")
                        ? http.get(path, null)
                        : http.post(path, null, null, "application/json", "{}");

                // A function may answer 404 itself (an unknown order, an unknown provider); the gateway's own 404 says
                // this.
                assertThat(response.body()).as(route.method() + " " + path).isNotEqualTo("{\"message\":\"Not Found\"}");
                if (route.requiresJwt()) {
                    assertThat(response.statusCode())
                            .as(route.method() + " " + path)
                            .isEqualTo(401);
                    assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
                } else {
                    assertThat(response.body())
                            .as(route.method() + " " + path)
                            .isNotEqualTo("{\"message\":\"Unauthorized\"}");
                }
            }
        }
    }
}
