package dev.orders.local.lambda;

import java.time.Duration;

/**
 * The account's Lambda settings as the local runtime applies them: the account concurrency limit (Lambda's default
 * quota is 1,000 per Region), the per-function scaling rate (1,000 new execution environments every 10 seconds), how
 * long an idle environment is kept before it is reclaimed, and Lambda's init limit (10 s for an on-demand init).
 * A drill scales the account down; the unreserved minimum scales with it (see {@link #minimumUnreserved}).
 */
public record LambdaSettings(
        int accountConcurrency, int scalingRate, Duration scalingPeriod, Duration idleTimeout, Duration initLimit) {

    public static final LambdaSettings DEFAULT =
            new LambdaSettings(1000, 1000, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(10));

    public LambdaSettings {
        if (accountConcurrency < 1 || scalingRate < 1) {
            throw new IllegalArgumentException("the account concurrency and the scaling rate must be at least 1");
        }
    }

    public LambdaSettings withAccountConcurrency(int limit) {
        return new LambdaSettings(limit, scalingRate, scalingPeriod, idleTimeout, initLimit);
    }

    public LambdaSettings withIdleTimeout(Duration idle) {
        return new LambdaSettings(accountConcurrency, scalingRate, scalingPeriod, idle, initLimit);
    }

    public LambdaSettings withScalingRate(int environments, Duration period) {
        return new LambdaSettings(accountConcurrency, environments, period, idleTimeout, initLimit);
    }

    /**
     * Lambda keeps at least 100 of the account's 1,000 unreserved: a tenth. With the account scaled down the same
     * tenth stays unreserved (at least 1), so a drill at 50 behaves as the account at 1,000 does.
     */
    public int minimumUnreserved() {
        return Math.max(1, Math.min(100, accountConcurrency / 10));
    }
}
