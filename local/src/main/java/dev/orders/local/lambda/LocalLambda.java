package dev.orders.local.lambda;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Lambda as the local runtime has it: what the Lambda API, the triggers, the CLI and the canary use. */
public interface LocalLambda {

    /** Every function the local runtime runs (the template's functions that a path wires). */
    List<FunctionInfo> functions();

    /** {@link LambdaException.Type#ResourceNotFoundException} (404) for an unknown name. */
    FunctionInfo function(String name);

    /**
     * A snapshot of {@code $LATEST}'s code and configuration as the next version; the latest version unchanged when
     * neither changed since it was published (as Lambda's PublishVersion answers).
     */
    Version publishVersion(String name, Optional<String> description);

    /** {@code $LATEST} first, then 1, 2, 3 … */
    List<Version> versions(String name);

    /** "3", "$LATEST", or an alias name resolved to its primary version. */
    Optional<Version> version(String name, String qualifier);

    List<Alias> aliases(String name);

    /** {@link LambdaException.Type#ResourceNotFoundException} for an unknown alias. */
    Alias alias(String name, String aliasName);

    /**
     * Points the alias at a version, with at most one extra version and its weight (0.0–1.0), both published
     * ({@link LambdaException.Type#InvalidParameterValueException} otherwise).
     * An empty {@code additionalVersionWeights} leaves the routing as it is, an empty map removes it.
     */
    Alias updateAlias(
            String name,
            String aliasName,
            Optional<String> functionVersion,
            Optional<Map<String, Double>> additionalVersionWeights);

    /** {@link LambdaException.Type#ResourceConflictException} (409) while an alias or a routing weight uses it. */
    void deleteVersion(String name, String version);

    OptionalInt reservedConcurrency(String name);

    /** {@link LambdaException.Type#InvalidParameterValueException} if it leaves less unreserved than the account's minimum. */
    void putReservedConcurrency(String name, int reserved);

    void deleteReservedConcurrency(String name);

    /** A synchronous invocation (RequestResponse). {@code qualifier} empty = $LATEST; an alias routes by its weights. */
    Invocation invoke(String name, Optional<String> qualifier, byte[] payload);

    /**
     * The same invocation under a request id the caller chose: asynchronous invocation keeps one request id for an
     * event and all its retries, as Lambda does (the handler's {@code Context.getAwsRequestId()} and the invocation
     * record's {@code requestContext.requestId} agree).
     */
    Invocation invoke(String name, Optional<String> qualifier, byte[] payload, String requestId);
}
