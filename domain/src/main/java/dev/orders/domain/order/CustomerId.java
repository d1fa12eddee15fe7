package dev.orders.domain.order;

import java.util.Objects;

/** The customer who owns an order: the subject of the caller's token. */
public record CustomerId(String value) {

    public static final int MAX_LENGTH = 128;

    public CustomerId {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a customer id");
        }
    }

    public static boolean isValid(String value) {
        return value != null
                && !value.isEmpty()
                && value.length() <= MAX_LENGTH
                && value.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    @Override
    public String toString() {
        return value;
    }
}
