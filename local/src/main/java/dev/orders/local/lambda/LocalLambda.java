package dev.orders.local.lambda;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Lambda as the local runtime has it: what the Lambda API, the triggers, the CLI and the canary use.
 * Provisional copy of the shared contract (the lambda helper owns the implementation); members are added, never renamed.
 */
public interface LocalLambda {

    /** Every function of the template. */
    List<FunctionInfo> functions();

    /** {@link LambdaException} ResourceNotFoundException (404) when there is no such function. */
    FunctionInfo function(String name);

    /** A snapshot of $LATEST's code and configuration; the latest version unchanged when neither changed. */
    Version publishVersion(String name, Optional<String> description);

    /** $LATEST first, then 1, 2, 3 … */
    List<Version> versions(String name);

    /** "3", "$LATEST", or an alias name resolved to its primary version. */
    Optional<Version> version(String name, String qualifier);

    List<Alias> aliases(String name);

    /** ResourceNotFoundException when there is no such alias. */
    Alias alias(String name, String aliasName);

    /**
     * Weights: at most one extra version, 0.0–1.0, both published (InvalidParameterValueException otherwise);
     * an empty {@code additionalVersionWeights} leaves the routing as it is, an empty map removes it.
     */
    Alias updateAlias(String name, String aliasName, Optional<String> functionVersion,
                      Optional<Map<String, Double>> additionalVersionWeights);

    /** ResourceConflictException (409) while an alias or routing weight uses it. */
    void deleteVersion(String name, String version);

    OptionalInt reservedConcurrency(String name);

    /** InvalidParameterValueException if it leaves fewer than 100 unreserved (or the scaled equivalent). */
    void putReservedConcurrency(String name, int reserved);

    void deleteReservedConcurrency(String name);

    /** A synchronous invocation (RequestResponse). {@code qualifier} empty = $LATEST; an alias routes by its weights. */
    Invocation invoke(String name, Optional<String> qualifier, byte[] payload);

    /**
     * Added by the lambdaapi helper: the same invocation under a request id the caller chose. Asynchronous
     * invocation keeps one request id for an event and all its retries, as Lambda does (the handler's
     * {@code Context.getAwsRequestId()} and the invocation record's {@code requestContext.requestId} agree).
     * The real implementation should override this; the default loses the id.
     */
    default Invocation invoke(String name, Optional<String> qualifier, byte[] payload, String requestId) {
        return invoke(name, qualifier, payload);
    }
}
