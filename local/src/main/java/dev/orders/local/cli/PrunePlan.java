package dev.orders.local.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which versions of a function {@code versions prune --keep N} deletes: every published version except the newest
 * {@code N}, one an alias points at (primary or routing weight), and one a deployment in progress uses; oldest first.
 * Each kept version carries why it is kept.
 */
record PrunePlan(String function, Map<String, String> kept, List<String> deleted) {

    static PrunePlan of(FunctionVersions versions, int keep, Map<String, String> inUseByDeployments) {
        Map<String, List<String>> references = versions.references();
        List<FunctionVersions.PublishedVersion> all = versions.versions();
        Map<String, String> kept = new LinkedHashMap<>();
        List<String> deleted = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            String version = all.get(i).version();
            List<String> reasons = new ArrayList<>();
            if (i >= all.size() - keep) {
                reasons.add("newest " + keep);
            }
            reasons.addAll(references.getOrDefault(version, List.of()));
            if (inUseByDeployments.containsKey(version)) {
                reasons.add(inUseByDeployments.get(version));
            }
            if (reasons.isEmpty()) {
                deleted.addFirst(version);
            } else {
                kept.put(version, String.join(", ", reasons));
            }
        }
        return new PrunePlan(versions.function(), kept, deleted);
    }
}
