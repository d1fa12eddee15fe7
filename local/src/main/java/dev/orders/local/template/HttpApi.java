package dev.orders.local.template;

import static dev.orders.local.template.SamTemplate.mapOf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP API of the template as API Gateway serves it: the throttling of its stage and its routes, each with the
 * function behind it. The template declares the API as plain {@code AWS::ApiGatewayV2::*} resources (Api, Stage,
 * Authorizer, Integration, Route: see docs/decisions/0017-api-as-plain-resources.md); a SAM
 * {@code AWS::Serverless::HttpApi} with {@code HttpApi} events on its functions is read too.
 */
public record HttpApi(String logicalId, Throttling throttling, List<Route> routes) {

    /** Without route settings, API Gateway applies the account's defaults: 10,000 requests/s, burst 5,000. */
    public static final Throttling ACCOUNT_DEFAULT = new Throttling(10_000d, 5_000);

    private static final Pattern INTEGRATION_TARGET = Pattern.compile("integrations/\\$\\{([A-Za-z0-9]+)}");

    public record Throttling(double rateLimit, int burstLimit) {}

    /**
     * {@code POST /orders} on {@code OrderApiFunction}; {@code authorization} is API Gateway's AuthorizationType
     * (JWT or NONE), {@code timeoutMillis} the integration's timeout.
     */
    public record Route(
            String method,
            String path,
            String authorization,
            String function,
            int timeoutMillis,
            String payloadFormatVersion) {
        public boolean requiresJwt() {
            return authorization.equals("JWT");
        }
    }

    /** HTTP APIs wait 30 s for an integration unless told otherwise. */
    static final int DEFAULT_TIMEOUT_MILLIS = 30_000;

    public static HttpApi of(SamTemplate template, String apiLogicalId) {
        if (template.resource(apiLogicalId).isEmpty()) {
            throw new IllegalArgumentException("no API " + apiLogicalId + " in the template");
        }
        return new HttpApi(apiLogicalId, throttling(template, apiLogicalId), routes(template, apiLogicalId));
    }

    /** The stage of this API (its DefaultRouteSettings), or the SAM HttpApi's own DefaultRouteSettings. */
    private static Throttling throttling(SamTemplate template, String api) {
        Map<String, Object> settings = stage(template, api)
                .map(stage -> mapOf(template.properties(stage).get("DefaultRouteSettings")))
                .orElseGet(() -> mapOf(template.properties(api).get("DefaultRouteSettings")));
        return new Throttling(
                template.number(settings, "ThrottlingRateLimit").orElse(ACCOUNT_DEFAULT.rateLimit()),
                template.integer(settings, "ThrottlingBurstLimit").orElse(ACCOUNT_DEFAULT.burstLimit()));
    }

    /** The logical id of the {@code AWS::ApiGatewayV2::Stage} whose ApiId is this API. */
    public static Optional<String> stage(SamTemplate template, String api) {
        return ofType(template, "AWS::ApiGatewayV2::Stage").stream()
                .filter(stage -> reference(template.properties(stage).get("ApiId"))
                        .filter(api::equals)
                        .isPresent())
                .findFirst();
    }

    private static List<Route> routes(SamTemplate template, String api) {
        List<Route> routes = new ArrayList<>();
        for (String id : ofType(template, "AWS::ApiGatewayV2::Route")) {
            Map<String, Object> route = template.properties(id);
            if (reference(route.get("ApiId")).filter(api::equals).isEmpty()) {
                continue;
            }
            String[] key = String.valueOf(route.get("RouteKey")).split(" ", 2);
            Matcher target = INTEGRATION_TARGET.matcher(
                    String.valueOf(mapOf(route.get("Target")).get("Fn::Sub")));
            if (key.length != 2 || !target.matches()) {
                throw new IllegalArgumentException("route " + id + " needs a RouteKey 'METHOD /path' and a Target"
                        + " !Sub \"integrations/${Integration}\"");
            }
            Map<String, Object> integration = template.properties(target.group(1));
            String function = reference(integration.get("IntegrationUri"))
                    .orElseThrow(() -> new IllegalArgumentException(
                            "integration " + target.group(1) + " names no function of the template"));
            routes.add(new Route(
                    key[0],
                    key[1],
                    template.string(route, "AuthorizationType").orElse("NONE"),
                    function,
                    template.integer(integration, "TimeoutInMillis").orElse(DEFAULT_TIMEOUT_MILLIS),
                    template.string(integration, "PayloadFormatVersion").orElse("2.0")));
        }
        for (String function : ofType(template, "AWS::Serverless::Function")) {
            mapOf(template.properties(function).get("Events")).forEach((name, event) -> {
                Map<String, Object> properties = mapOf(mapOf(event).get("Properties"));
                if ("HttpApi".equals(mapOf(event).get("Type"))
                        && reference(properties.get("ApiId"))
                                .filter(api::equals)
                                .isPresent()) {
                    String authorizer =
                            String.valueOf(mapOf(properties.get("Auth")).getOrDefault("Authorizer", "JWT"));
                    routes.add(new Route(
                            String.valueOf(properties.get("Method")).toUpperCase(java.util.Locale.ROOT),
                            String.valueOf(properties.get("Path")),
                            authorizer.equals("NONE") ? "NONE" : "JWT",
                            function,
                            template.integer(properties, "TimeoutInMillis").orElse(DEFAULT_TIMEOUT_MILLIS),
                            template.string(properties, "PayloadFormatVersion").orElse("2.0")));
                }
            });
        }
        return List.copyOf(routes);
    }

    private static List<String> ofType(SamTemplate template, String type) {
        return template.resources().keySet().stream()
                .filter(id -> template.type(id).equals(type))
                .toList();
    }

    private static Optional<String> reference(Object value) {
        return SamTemplate.referencedId(value);
    }
}
