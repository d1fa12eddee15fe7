package dev.orders.local.lambdaapi;

import java.util.Map;

/**
 * The hook for deployments in progress (issue 14): the versions of a function that a deployment uses besides what its
 * aliases say (during a PreTraffic hook the new version has no alias weight yet), each with the reason. The Lambda API
 * refuses to delete them with a 409, and {@code /_local/versions-in-use} shows them to {@code ./orders versions prune}.
 * Until deployments exist locally, {@link #NONE}.
 */
@FunctionalInterface
public interface VersionsInUse {

    VersionsInUse NONE = function -> Map.of();

    /** Version number → why it is in use (e.g. {@code "deployment d-3, PreTraffic hook running"}). */
    Map<String, String> of(String function);
}
