package dev.orders.domain.order;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A customer's verified e-mail address, as their token vouched for it when the order was placed. It is
 * personal data: kept with the order for notifications only, never put in bus events, API answers or logs
 * ({@link #toString()} does not show it, so a record that holds one can be logged safely).
 */
public record EmailAddress(String value) {

    public static final int MAX_LENGTH = 254;
    /** Deliberately plain: one {@code @}, a dot in the domain, no spaces or control characters (no header injection). */
    private static final Pattern FORMAT =
            Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+");

    public EmailAddress {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException("not an e-mail address");
        }
    }

    public static boolean isValid(String value) {
        return value != null
                && value.length() <= MAX_LENGTH
                && FORMAT.matcher(value).matches();
    }

    /** The address when the token's {@code email} claim is well formed and its {@code email_verified} claim is true. */
    public static Optional<EmailAddress> verified(Optional<String> email, Optional<String> emailVerified) {
        return emailVerified
                .filter("true"::equals)
                .flatMap(ignored -> email)
                .filter(EmailAddress::isValid)
                .map(EmailAddress::new);
    }

    @Override
    public String toString() {
        return "EmailAddress[redacted]";
    }
}
