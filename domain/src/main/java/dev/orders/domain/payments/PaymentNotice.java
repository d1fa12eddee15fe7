package dev.orders.domain.payments;

import dev.orders.domain.money.Money;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.OrderStatus;
import java.util.Objects;

/**
 * What a payment provider tells us about one payment attempt: its event id (unique per provider
 * event, repeated when the provider redelivers), the outcome, and the amount it concerns.
 */
public record PaymentNotice(String providerEventId, Outcome outcome, OrderId orderId, String paymentId, Money amount) {

    public static final int MAX_ID_LENGTH = 255;

    public PaymentNotice {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(amount, "amount");
        if (!isValidId(providerEventId) || !isValidId(paymentId)) {
            throw new IllegalArgumentException("provider and payment ids are 1-255 printable characters");
        }
    }

    public static boolean isValidId(String id) {
        return id != null
                && !id.isEmpty()
                && id.length() <= MAX_ID_LENGTH
                && id.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    public enum Outcome {
        SUCCEEDED(OrderStatus.PAID),
        FAILED(OrderStatus.PAYMENT_FAILED);

        private final OrderStatus orderStatus;

        Outcome(OrderStatus orderStatus) {
            this.orderStatus = orderStatus;
        }

        /** The state this outcome moves an order to. */
        public OrderStatus orderStatus() {
            return orderStatus;
        }
    }
}
