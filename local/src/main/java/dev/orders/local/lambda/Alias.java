package dev.orders.local.lambda;

import java.util.Map;

/** An alias: its primary version and at most one additional version with its weight (RoutingConfig). */
public record Alias(
        String functionName,
        String name,
        String functionVersion,
        Map<String, Double> additionalVersionWeights,
        String revisionId) {}
