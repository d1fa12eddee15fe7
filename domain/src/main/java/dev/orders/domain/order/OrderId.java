package dev.orders.domain.order;

import java.util.Objects;
import java.util.regex.Pattern;

/** An order's identifier: 1–64 characters of letters, digits, '-' and '_', starting with a letter or digit. */
public record OrderId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public OrderId {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException("not an order id: " + value);
        }
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
