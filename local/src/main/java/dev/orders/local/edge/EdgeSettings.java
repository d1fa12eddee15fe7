package dev.orders.local.edge;

import static dev.orders.local.template.SamTemplate.listOf;
import static dev.orders.local.template.SamTemplate.mapOf;

import dev.orders.local.template.SamTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The template's CloudFront distribution as the local gateway reproduces it: the function on its default cache
 * behaviour's viewer-request event (its code, runtime and key value store) and the behaviour's response headers
 * policy. What the local gateway does not reproduce is listed in {@code notReproduced}, so it can say so.
 */
public record EdgeSettings(
        String distribution,
        Optional<FunctionSettings> viewerRequest,
        Optional<ResponseHeadersPolicy> policy,
        List<String> notReproduced) {

    /** The function: logical id, runtime, code, and the key value store it is associated with (if any). */
    public record FunctionSettings(String logicalId, String runtime, String code, Optional<StoreSettings> store) {}

    /** A key value store: its logical id (the local file's name) and the bundled content it is seeded from. */
    public record StoreSettings(String logicalId, String seed) {}

    /** The first distribution of the template, or empty when there is none. */
    public static Optional<EdgeSettings> from(SamTemplate template) {
        Optional<String> distribution = template.resources().entrySet().stream()
                .filter(e -> "AWS::CloudFront::Distribution".equals(e.getValue().get("Type")))
                .map(Map.Entry::getKey)
                .findFirst();
        if (distribution.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> config =
                mapOf(template.properties(distribution.get()).get("DistributionConfig"));
        Map<String, Object> behaviour = mapOf(config.get("DefaultCacheBehavior"));
        List<String> notReproduced = new ArrayList<>();
        if (!listOf(config.get("CacheBehaviors")).isEmpty()) {
            notReproduced.add("CacheBehaviors (every request takes the default cache behaviour)");
        }
        if (!listOf(behaviour.get("LambdaFunctionAssociations")).isEmpty()) {
            notReproduced.add("LambdaFunctionAssociations (Lambda@Edge)");
        }
        Optional<FunctionSettings> viewerRequest = Optional.empty();
        for (Object item : listOf(behaviour.get("FunctionAssociations"))) {
            Map<String, Object> association = mapOf(item);
            String event = String.valueOf(association.get("EventType"));
            Optional<String> function = logicalId(association.get("FunctionARN"));
            if (event.equals("viewer-request") && function.isPresent()) {
                viewerRequest = Optional.of(function(template, function.get()));
            } else {
                notReproduced.add(
                        event + " function " + function.orElse(String.valueOf(association.get("FunctionARN"))));
            }
        }
        Optional<ResponseHeadersPolicy> policy = logicalId(behaviour.get("ResponseHeadersPolicyId"))
                .filter(id -> "AWS::CloudFront::ResponseHeadersPolicy".equals(template.type(id)))
                .map(id -> ResponseHeadersPolicy.from(template, id));
        if (policy.isEmpty() && behaviour.get("ResponseHeadersPolicyId") != null) {
            notReproduced.add(
                    "ResponseHeadersPolicyId " + behaviour.get("ResponseHeadersPolicyId") + " (a managed policy)");
        }
        policy.ifPresent(p -> p.notReproduced().forEach(part -> notReproduced.add(p.id() + "." + part)));
        return Optional.of(new EdgeSettings(distribution.get(), viewerRequest, policy, List.copyOf(notReproduced)));
    }

    private static FunctionSettings function(SamTemplate template, String logicalId) {
        Map<String, Object> resource = template.resource(logicalId).orElseThrow();
        Map<String, Object> properties = template.properties(logicalId);
        Map<String, Object> config = mapOf(properties.get("FunctionConfig"));
        // The file the team edits and tests (Metadata.SourceFile, bundled in the runtime); else the inline code itself.
        Object sourceFile = mapOf(resource.get("Metadata")).get("SourceFile");
        String code = sourceFile != null
                ? EdgeFunctionRuntime.resource(String.valueOf(sourceFile))
                : String.valueOf(properties.getOrDefault("FunctionCode", ""));
        Optional<StoreSettings> store = listOf(config.get("KeyValueStoreAssociations")).stream()
                .map(a -> logicalId(mapOf(a).get("KeyValueStoreARN")))
                .flatMap(Optional::stream)
                .findFirst()
                .map(id -> new StoreSettings(id, seed(template, id)));
        return new FunctionSettings(logicalId, String.valueOf(config.get("Runtime")), code, store);
    }

    private static String seed(SamTemplate template, String store) {
        Object seedFile =
                mapOf(template.resource(store).orElseThrow().get("Metadata")).get("SeedFile");
        return seedFile == null ? "{\"data\":[]}" : EdgeFunctionRuntime.resource(String.valueOf(seedFile));
    }

    /** {@code Ref X}, {@code Fn::GetAtt [X, ...]}: the logical id X. */
    private static Optional<String> logicalId(Object value) {
        Map<String, Object> map = mapOf(value);
        if (map.containsKey("Ref")) {
            return Optional.of(String.valueOf(map.get("Ref")).split("\\.")[0]);
        }
        Object getAtt = map.get("Fn::GetAtt");
        if (getAtt instanceof List<?> list && !list.isEmpty()) {
            return Optional.of(String.valueOf(list.getFirst()));
        }
        return Optional.empty();
    }
}
