package dev.orders.local.gateway;

/**
 * API Gateway's throttling: a token bucket refilled at {@code ratePerSecond} holding at most
 * {@code burst} tokens; a request that finds it empty is answered 429 without reaching the function.
 */
final class TokenBucket {

    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long last;

    TokenBucket(double ratePerSecond, int burst) {
        this.ratePerNano = ratePerSecond / 1_000_000_000d;
        this.burst = burst;
        this.tokens = burst;
        this.last = System.nanoTime();
    }

    synchronized boolean tryTake() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) * ratePerNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Whole seconds until a token is available: the Retry-After hint. */
    synchronized long secondsUntilNextToken() {
        return Math.max(1, (long) Math.ceil((1 - tokens) / ratePerNano / 1_000_000_000d));
    }
}
