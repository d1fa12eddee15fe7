package dev.orders.local.views;

import dev.orders.local.lambda.FunctionInfo;
import dev.orders.local.lambda.LocalLambda;
import dev.orders.local.lambdaapi.VersionsInUse;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /_local/versions-in-use}: by function, the versions a deployment in progress uses beyond what aliases
 * show, with the reason; {@code ./orders versions prune} keeps them.
 */
public record VersionsInUseView(LocalLambda lambda, VersionsInUse inUse) implements View {

    record Body(Map<String, Map<String, String>> functions) {}

    @Override
    public Answer render(Map<String, String> query) {
        Map<String, Map<String, String>> functions = new TreeMap<>();
        for (FunctionInfo function : lambda.functions()) {
            Map<String, String> versions = inUse.of(function.name());
            if (!versions.isEmpty()) {
                functions.put(function.name(), new TreeMap<>(versions));
            }
        }
        return Answer.ok(new Body(functions));
    }
}
