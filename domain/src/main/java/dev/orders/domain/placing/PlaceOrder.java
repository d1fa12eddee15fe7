package dev.orders.domain.placing;

import dev.orders.domain.order.CustomerId;
import dev.orders.domain.order.EmailAddress;
import dev.orders.domain.order.LineItem;
import dev.orders.domain.order.OrderId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A validated request to place an order. {@code contact} is the caller's verified address from their token:
 * who is asking, not what is asked for, so it is not part of the fingerprint (a retry with a refreshed token
 * is still the same request).
 */
public record PlaceOrder(
        IdempotencyScope scope,
        Optional<OrderId> requestedId,
        CustomerId customerId,
        List<LineItem> items,
        Optional<EmailAddress> contact) {

    public PlaceOrder {
        items = List.copyOf(items);
        java.util.Objects.requireNonNull(contact, "contact");
    }

    public PlaceOrder(
            IdempotencyScope scope, Optional<OrderId> requestedId, CustomerId customerId, List<LineItem> items) {
        this(scope, requestedId, customerId, items, Optional.empty());
    }

    public PlaceOrder withContact(Optional<EmailAddress> verified) {
        return new PlaceOrder(scope, requestedId, customerId, items, verified);
    }

    /**
     * A digest of what the request asks for, used to tell a replay from a different payload under
     * the same key. Money is compared by value ("12.5" equals "12.50"); the order of items matters.
     */
    public String fingerprint() {
        StringBuilder canonical = new StringBuilder()
                .append(requestedId.map(OrderId::value).orElse(""))
                .append('\n')
                .append(customerId.value())
                .append('\n');
        for (LineItem item : items) {
            canonical
                    .append(item.sku())
                    .append('\t')
                    .append(item.quantity())
                    .append('\t')
                    .append(item.unitPrice().amountText())
                    .append('\t')
                    .append(item.unitPrice().currency().getCurrencyCode())
                    .append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform provides SHA-256", impossible);
        }
    }
}
