package dev.orders.local.gateway;

import dev.orders.local.template.SamTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A function's {@code HttpApi} events as the template declares them: method, path, and whether the API's
 * default JWT authorizer guards the route ({@code Auth: {Authorizer: NONE}} opts a route out).
 */
public record RouteSettings(String method, String path, boolean requiresJwt) {

    public static List<RouteSettings> from(SamTemplate template, String functionLogicalId) {
        Map<String, Object> events = SamTemplate.mapOf(template.properties(functionLogicalId).get("Events"));
        List<RouteSettings> routes = new ArrayList<>();
        for (Object value : events.values()) {
            Map<String, Object> event = SamTemplate.mapOf(value);
            if (!"HttpApi".equals(event.get("Type"))) {
                continue;
            }
            Map<String, Object> p = SamTemplate.mapOf(event.get("Properties"));
            String method = template.string(p, "Method").orElseThrow(() -> new IllegalArgumentException(functionLogicalId + ": an HttpApi event needs Method"));
            String path = template.string(p, "Path").orElseThrow(() -> new IllegalArgumentException(functionLogicalId + ": an HttpApi event needs Path"));
            Object authorizer = SamTemplate.mapOf(p.get("Auth")).get("Authorizer");
            boolean apiHasDefault = defaultAuthorizer(template, p.get("ApiId"));
            routes.add(new RouteSettings(method.toUpperCase(java.util.Locale.ROOT), path,
                    authorizer == null ? apiHasDefault : !"NONE".equals(authorizer)));
        }
        if (routes.isEmpty()) {
            throw new IllegalArgumentException(functionLogicalId + " has no HttpApi event in the template");
        }
        return routes;
    }

    /** Whether the {@code AWS::Serverless::HttpApi} the event refers to ({@code !Ref X}) names a DefaultAuthorizer. */
    private static boolean defaultAuthorizer(SamTemplate template, Object apiId) {
        Object api = SamTemplate.mapOf(apiId).get("Ref");
        if (api == null) {
            return false;
        }
        return SamTemplate.mapOf(template.properties(String.valueOf(api)).get("Auth")).get("DefaultAuthorizer") != null;
    }
}
