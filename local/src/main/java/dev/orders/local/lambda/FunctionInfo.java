package dev.orders.local.lambda;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/** A function's configuration as Lambda reports it, with the code {@code $LATEST} has now. */
public record FunctionInfo(
        String name,
        String handler,
        String runtime,
        int memoryMb,
        Duration timeout,
        Map<String, String> environment,
        boolean snapStart,
        int ephemeralStorageMb,
        OptionalInt provisionedConcurrency,
        String latestCodeSha256,
        long latestCodeSize) {}
