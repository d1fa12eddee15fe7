package dev.orders.local.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import dev.orders.local.template.SamTemplate;
import org.junit.jupiter.api.Test;

/** The template's response headers policy, applied with CloudFront's Override rule. */
class ResponseHeadersPolicyTest {

    static final SamTemplate TEMPLATE = SamTemplate.parse("""
            Resources:
              Policy:
                Type: AWS::CloudFront::ResponseHeadersPolicy
                Properties:
                  ResponseHeadersPolicyConfig:
                    Name: p
                    SecurityHeadersConfig:
                      StrictTransportSecurity: {AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true, Preload: true, Override: true}
                      ContentTypeOptions: {Override: false}
                      FrameOptions: {FrameOption: SAMEORIGIN, Override: false}
                      ReferrerPolicy: {ReferrerPolicy: no-referrer, Override: true}
                      ContentSecurityPolicy: {ContentSecurityPolicy: "default-src 'self'", Override: true}
                      XSSProtection: {Protection: true, ModeBlock: true, Override: true}
                    CustomHeadersConfig:
                      Items:
                        - {Header: Cache-Control, Value: no-store, Override: false}
                    RemoveHeadersConfig:
                      Items:
                        - {Header: X-Powered-By}
                    CorsConfig:
                      AccessControlAllowCredentials: false
            """);

    final ResponseHeadersPolicy policy = ResponseHeadersPolicy.from(TEMPLATE, "Policy");

    @Test
    void each_security_header_is_written_as_cloudfront_writes_it() {
        Headers response = new Headers();

        policy.apply(response);

        assertThat(response.getFirst("Strict-Transport-Security"))
                .isEqualTo("max-age=31536000; includeSubDomains; preload");
        assertThat(response.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getFirst("X-Frame-Options")).isEqualTo("SAMEORIGIN");
        assertThat(response.getFirst("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.getFirst("Content-Security-Policy")).isEqualTo("default-src 'self'");
        assertThat(response.getFirst("X-XSS-Protection")).isEqualTo("1; mode=block");
        assertThat(response.getFirst("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void override_true_replaces_the_origins_header_and_false_keeps_it() {
        Headers response = new Headers();
        response.set("referrer-policy", "unsafe-url");
        response.set("X-Frame-Options", "ALLOW-FROM x");
        response.set("cache-control", "max-age=60");

        policy.apply(response);

        assertThat(response.get("Referrer-Policy")).containsExactly("no-referrer");
        assertThat(response.get("X-Frame-Options")).containsExactly("ALLOW-FROM x");
        assertThat(response.get("Cache-Control")).containsExactly("max-age=60");
    }

    @Test
    void listed_headers_are_removed_from_the_origins_response() {
        Headers response = new Headers();
        response.set("X-Powered-By", "Express");

        policy.apply(response);

        assertThat(response.containsKey("X-Powered-By")).isFalse();
    }

    @Test
    void what_the_gateway_does_not_reproduce_is_named() {
        assertThat(policy.notReproduced()).containsExactly("CorsConfig");
    }

    @Test
    void the_deployed_policy_sets_the_dashboards_csp_and_keeps_an_origins_permissions_policy() {
        SamTemplate deployed = SamTemplate.bundled();
        ResponseHeadersPolicy edge = ResponseHeadersPolicy.from(deployed, "EdgeSecurityHeadersPolicy");

        assertThat(edge.headers())
                .extracting(ResponseHeadersPolicy.Header::name)
                .contains(
                        "Strict-Transport-Security",
                        "X-Content-Type-Options",
                        "X-Frame-Options",
                        "Referrer-Policy",
                        "Content-Security-Policy");
        assertThat(edge.headers())
                .filteredOn(h -> h.name().equals("Permissions-Policy"))
                .singleElement()
                .satisfies(h -> assertThat(h.override()).isFalse());
        assertThat(edge.notReproduced()).isEmpty();
    }
}
