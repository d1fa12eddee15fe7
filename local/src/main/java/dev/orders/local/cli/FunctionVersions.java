package dev.orders.local.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/**
 * One function's published versions and aliases, as ListVersionsByFunction and ListAliases give them (every page),
 * and which alias or routing weight points at each version.
 */
record FunctionVersions(String function, List<PublishedVersion> versions, List<AliasPointer> aliases) {

    /** Lambda's LastModified: {@code 2026-11-30T12:00:00.000+0000}. */
    private static final DateTimeFormatter LAST_MODIFIED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx");

    /** A published version (never $LATEST): number, when, code size, SnapStart, description. */
    record PublishedVersion(
            long number, Optional<Instant> lastModified, long codeSize, String snapStart, String description) {
        String version() {
            return String.valueOf(number);
        }
    }

    record AliasPointer(String name, String functionVersion, Map<String, Double> weights) {}

    static FunctionVersions read(LambdaClient lambda, String function) {
        List<PublishedVersion> versions = new ArrayList<>();
        lambda.listVersionsByFunctionPaginator(r -> r.functionName(function))
                .versions()
                .forEach(v -> {
                    if (v.version().matches("[0-9]+")) {
                        versions.add(new PublishedVersion(
                                Long.parseLong(v.version()),
                                lastModified(v),
                                v.codeSize() == null ? 0 : v.codeSize(),
                                snapStart(v),
                                v.description() == null ? "" : v.description()));
                    }
                });
        versions.sort(Comparator.comparingLong(PublishedVersion::number));
        List<AliasPointer> aliases = new ArrayList<>();
        lambda.listAliasesPaginator(r -> r.functionName(function)).aliases().forEach(a -> aliases.add(pointer(a)));
        return new FunctionVersions(function, List.copyOf(versions), List.copyOf(aliases));
    }

    /** For each version an alias uses, how: {@code alias live} (its primary version) or {@code live 10%} (a routing weight). */
    Map<String, List<String>> references() {
        Map<String, List<String>> references = new LinkedHashMap<>();
        for (AliasPointer alias : aliases) {
            references
                    .computeIfAbsent(alias.functionVersion(), v -> new ArrayList<>())
                    .add("alias " + alias.name());
            alias.weights()
                    .forEach((version, weight) -> references
                            .computeIfAbsent(version, v -> new ArrayList<>())
                            .add("alias " + alias.name() + " weight " + percent(weight)));
        }
        return references;
    }

    Optional<PublishedVersion> newest() {
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.getLast());
    }

    static String percent(double weight) {
        double percent = weight * 100;
        return (percent == Math.rint(percent) ? String.valueOf((long) percent) : String.format("%.2f", percent)) + "%";
    }

    private static AliasPointer pointer(AliasConfiguration alias) {
        Map<String, Double> weights =
                alias.routingConfig() == null || !alias.routingConfig().hasAdditionalVersionWeights()
                        ? Map.of()
                        : Map.copyOf(alias.routingConfig().additionalVersionWeights());
        return new AliasPointer(alias.name(), alias.functionVersion(), weights);
    }

    private static String snapStart(FunctionConfiguration v) {
        if (v.snapStart() == null
                || v.snapStart().applyOnAsString() == null
                || v.snapStart().applyOnAsString().equals("None")) {
            return "-";
        }
        return v.snapStart().optimizationStatusAsString() == null
                ? "-"
                : v.snapStart().optimizationStatusAsString();
    }

    private static Optional<Instant> lastModified(FunctionConfiguration v) {
        if (v.lastModified() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    OffsetDateTime.parse(v.lastModified(), LAST_MODIFIED).toInstant());
        } catch (DateTimeParseException otherFormat) {
            try {
                return Optional.of(OffsetDateTime.parse(v.lastModified()).toInstant());
            } catch (DateTimeParseException unknown) {
                return Optional.empty();
            }
        }
    }
}
