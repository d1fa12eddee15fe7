package dev.orders.local.lambda;

import java.time.Instant;

/** A version of a function: "$LATEST", "1", "2" … (provisional copy of the shared contract). */
public record Version(String functionName, String version, String codeSha256, long codeSize,
                      Instant published, String description, boolean snapStart, FunctionInfo configuration) {
}
