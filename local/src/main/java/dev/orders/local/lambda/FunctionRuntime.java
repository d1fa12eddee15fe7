package dev.orders.local.lambda;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/** One function as the runtime holds it: its template settings ($LATEST's configuration), its versions and aliases. */
final class FunctionRuntime {

    final String name;
    final FunctionSettings settings;
    final VersionRuntime.Host host;
    final Function<VersionRuntime, VersionCode> loader;
    final Map<Integer, VersionRuntime> published = new TreeMap<>();
    final Map<String, Alias> aliases = new TreeMap<>();
    VersionRuntime latest;

    FunctionRuntime(
            String name,
            FunctionSettings settings,
            VersionRuntime.Host host,
            Function<VersionRuntime, VersionCode> loader) {
        this.name = name;
        this.settings = settings;
        this.host = host;
        this.loader = loader;
    }

    Optional<VersionRuntime> newestPublished() {
        return published.isEmpty()
                ? Optional.empty()
                : Optional.of(((TreeMap<Integer, VersionRuntime>) published)
                        .lastEntry()
                        .getValue());
    }

    /** Every version the runtime holds: $LATEST (when it was loaded) and the published ones. */
    List<VersionRuntime> all() {
        List<VersionRuntime> all = new ArrayList<>();
        if (latest != null) {
            all.add(latest);
        }
        all.addAll(published.values());
        return all;
    }
}
