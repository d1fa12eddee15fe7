package dev.orders.domain.placing;

import java.util.Optional;

/** The client's {@code Idempotency-Key}: 1–255 printable ASCII characters. */
public record IdempotencyKey(String value) {

    public static final int MAX_LENGTH = 255;

    public IdempotencyKey {
        if (!isValid(value)) {
            throw new IllegalArgumentException("not an idempotency key");
        }
    }

    public static Optional<IdempotencyKey> parse(String raw) {
        return isValid(raw) ? Optional.of(new IdempotencyKey(raw)) : Optional.empty();
    }

    private static boolean isValid(String value) {
        return value != null
                && !value.isEmpty()
                && value.length() <= MAX_LENGTH
                && value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    }
}
