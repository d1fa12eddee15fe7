package dev.orders.local.metrics.math;

/** A math expression that cannot be parsed or evaluated; the message says why, in CloudWatch's terms. */
public final class MathException extends RuntimeException {
    public MathException(String message) {
        super(message);
    }
}
