package dev.orders.local.edge;

import static dev.orders.local.template.SamTemplate.listOf;
import static dev.orders.local.template.SamTemplate.mapOf;

import com.sun.net.httpserver.Headers;
import dev.orders.local.template.SamTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An {@code AWS::CloudFront::ResponseHeadersPolicy} from the template, applied as CloudFront documents it
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/adding-response-headers.html):
 * the headers listed for removal go, then each header of the policy is set; with {@code Override: true} it replaces
 * the origin's header of the same name, with {@code false} the origin's header, when there is one, stays.
 */
public record ResponseHeadersPolicy(String id, List<Header> headers, List<String> removed, List<String> notReproduced) {

    public record Header(String name, String value, boolean override) {}

    public static ResponseHeadersPolicy from(SamTemplate template, String logicalId) {
        Map<String, Object> config = mapOf(template.properties(logicalId).get("ResponseHeadersPolicyConfig"));
        Map<String, Object> security = mapOf(config.get("SecurityHeadersConfig"));
        List<Header> headers = new ArrayList<>();
        Map<String, Object> hsts = mapOf(security.get("StrictTransportSecurity"));
        if (!hsts.isEmpty()) {
            headers.add(new Header(
                    "Strict-Transport-Security",
                    "max-age=" + template.resolve(hsts.get("AccessControlMaxAgeSec"))
                            + (flag(template, hsts, "IncludeSubdomains") ? "; includeSubDomains" : "")
                            + (flag(template, hsts, "Preload") ? "; preload" : ""),
                    flag(template, hsts, "Override")));
        }
        Map<String, Object> contentType = mapOf(security.get("ContentTypeOptions"));
        if (!contentType.isEmpty()) {
            headers.add(new Header("X-Content-Type-Options", "nosniff", flag(template, contentType, "Override")));
        }
        Map<String, Object> frame = mapOf(security.get("FrameOptions"));
        if (!frame.isEmpty()) {
            headers.add(new Header(
                    "X-Frame-Options", string(template, frame, "FrameOption"), flag(template, frame, "Override")));
        }
        Map<String, Object> referrer = mapOf(security.get("ReferrerPolicy"));
        if (!referrer.isEmpty()) {
            headers.add(new Header(
                    "Referrer-Policy",
                    string(template, referrer, "ReferrerPolicy"),
                    flag(template, referrer, "Override")));
        }
        Map<String, Object> csp = mapOf(security.get("ContentSecurityPolicy"));
        if (!csp.isEmpty()) {
            headers.add(new Header(
                    "Content-Security-Policy",
                    string(template, csp, "ContentSecurityPolicy"),
                    flag(template, csp, "Override")));
        }
        Map<String, Object> xss = mapOf(security.get("XSSProtection"));
        if (!xss.isEmpty()) {
            String value = flag(template, xss, "Protection")
                    ? "1" + (flag(template, xss, "ModeBlock") ? "; mode=block" : "")
                            + (xss.get("ReportUri") != null ? "; report=" + template.resolve(xss.get("ReportUri")) : "")
                    : "0";
            headers.add(new Header("X-XSS-Protection", value, flag(template, xss, "Override")));
        }
        for (Object item : listOf(mapOf(config.get("CustomHeadersConfig")).get("Items"))) {
            Map<String, Object> custom = mapOf(item);
            headers.add(new Header(
                    string(template, custom, "Header"),
                    string(template, custom, "Value"),
                    flag(template, custom, "Override")));
        }
        List<String> removed = new ArrayList<>();
        for (Object item : listOf(mapOf(config.get("RemoveHeadersConfig")).get("Items"))) {
            removed.add(string(template, mapOf(item), "Header"));
        }
        List<String> notReproduced = new ArrayList<>();
        for (String part : List.of("CorsConfig", "ServerTimingHeadersConfig")) {
            if (config.containsKey(part)) {
                notReproduced.add(part);
            }
        }
        return new ResponseHeadersPolicy(
                logicalId, List.copyOf(headers), List.copyOf(removed), List.copyOf(notReproduced));
    }

    /** Puts the policy on a response about to be sent; {@code response} holds what the origin answered. */
    public void apply(Headers response) {
        removed.forEach(response::remove);
        for (Header header : headers) {
            if (header.override() || !response.containsKey(header.name())) {
                response.set(header.name(), header.value());
            }
        }
    }

    private static boolean flag(SamTemplate template, Map<String, Object> properties, String key) {
        Object value = template.resolve(properties.get(key));
        return Boolean.TRUE.equals(value) || "true".equalsIgnoreCase(String.valueOf(value));
    }

    private static String string(SamTemplate template, Map<String, Object> properties, String key) {
        Object value = template.resolve(properties.get(key));
        if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
            throw new IllegalArgumentException(
                    "response headers policy: " + key + " must be a literal value, not " + value);
        }
        return String.valueOf(value);
    }
}
