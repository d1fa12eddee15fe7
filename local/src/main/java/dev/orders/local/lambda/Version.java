package dev.orders.local.lambda;

import java.time.Instant;

/** A published version ({@code "1"}, {@code "2"} …) or {@code $LATEST}: its code and the configuration it was published with. */
public record Version(
        String functionName,
        String version,
        String codeSha256,
        long codeSize,
        Instant published,
        String description,
        boolean snapStart,
        FunctionInfo configuration) {

    public static final String LATEST = "$LATEST";
}
