package dev.orders.functions.payments;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The provider's signing secrets: the current one and, during a rotation, the previous one. Both
 * verify, so callbacks signed just before a rotation are not refused. Read from the environment by the
 * AWS wiring ({@code AwsWiring.paymentSecrets}), from the data folder by the local runtime.
 */
public record PaymentSecrets(String current, Optional<String> previous) {

    public static final String CURRENT_VARIABLE = "ORDERS_PAYMENT_SECRET";
    public static final String PREVIOUS_VARIABLE = "ORDERS_PAYMENT_SECRET_PREVIOUS";

    public PaymentSecrets {
        Objects.requireNonNull(current, "current");
        if (current.isBlank()) {
            throw new IllegalArgumentException("the payment secret is empty");
        }
        previous = previous.filter(p -> !p.isBlank());
    }

    List<String> all() {
        return previous.map(p -> List.of(current, p)).orElse(List.of(current));
    }
}
