package dev.orders.domain.order;

import dev.orders.domain.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An order and its history. Immutable: every change returns a new order with the next version,
 * together with the event that announces it. {@code contact} is the customer's verified e-mail address
 * when their token had one (for notifications only; see {@link EmailAddress}). {@code receipts} are its
 * uploads, attached or rejected, one per receipt id, in the order they were first recorded.
 */
public record Order(
        OrderId id,
        CustomerId customerId,
        List<LineItem> items,
        Money total,
        OrderStatus status,
        List<StatusChange> history,
        long version,
        Optional<EmailAddress> contact,
        List<Receipt> receipts) {

    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(contact, "contact");
        items = List.copyOf(items);
        history = List.copyOf(history);
        receipts = List.copyOf(receipts);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("an order has at least one item");
        }
    }

    /** An order without receipts. */
    public Order(
            OrderId id,
            CustomerId customerId,
            List<LineItem> items,
            Money total,
            OrderStatus status,
            List<StatusChange> history,
            long version,
            Optional<EmailAddress> contact) {
        this(id, customerId, items, total, status, history, version, contact, List.of());
    }

    /** A new order in state ACCEPTED; its total is the sum of quantity × unit price. */
    public static Change accept(OrderId id, CustomerId customerId, List<LineItem> items, String causeId, Instant at) {
        return accept(id, customerId, Optional.empty(), items, causeId, at);
    }

    /** A new order in state ACCEPTED, with the customer's verified address when there is one. */
    public static Change accept(
            OrderId id,
            CustomerId customerId,
            Optional<EmailAddress> contact,
            List<LineItem> items,
            String causeId,
            Instant at) {
        Money total = items.stream()
                .map(LineItem::total)
                .reduce(Money::plus)
                .orElseThrow(() -> new IllegalArgumentException("an order has at least one item"));
        Order order = new Order(
                id,
                customerId,
                items,
                total,
                OrderStatus.ACCEPTED,
                List.of(new StatusChange(OrderStatus.ACCEPTED, at, causeId)),
                1,
                contact);
        return new Change(order, OrderEvent.of(OrderEventType.ORDER_ACCEPTED, order, at, causeId));
    }

    /** Moves the order forward to {@code next}, or says why it cannot: stale, or not paid yet. */
    public Transition advance(OrderStatus next, String causeId, Instant at) {
        if (!status.canAdvanceTo(next)) {
            return new Transition.Stale(status, next);
        }
        if (!status.allows(next)) {
            return new Transition.AwaitingPayment(status, next);
        }
        List<StatusChange> newHistory = new ArrayList<>(history);
        newHistory.add(new StatusChange(next, at, causeId));
        Order moved = new Order(id, customerId, items, total, next, newHistory, version + 1, contact, receipts);
        return new Change(moved, OrderEvent.of(next.eventType(), moved, at, causeId));
    }

    /**
     * Attaches an accepted receipt and announces it ({@code ReceiptAttached}); the status does not change. A receipt
     * with the same id (the same key uploaded again) is replaced by the newer upload.
     */
    public Change attach(Receipt receipt, String causeId, Instant at) {
        Order attached = withReceipt(receipt);
        return new Change(attached, OrderEvent.receiptAttached(attached, receipt, at, causeId));
    }

    /**
     * The next version with {@code receipt} recorded (replacing one with the same id). Alone, for a rejected upload: it
     * is shown on the order, and announces nothing.
     */
    public Order withReceipt(Receipt receipt) {
        List<Receipt> updated = new ArrayList<>(receipts.stream()
                .filter(r -> !r.receiptId().equals(receipt.receiptId()))
                .toList());
        updated.add(receipt);
        return new Order(id, customerId, items, total, status, history, version + 1, contact, updated);
    }

    public Optional<Receipt> receipt(String receiptId) {
        return receipts.stream().filter(r -> r.receiptId().equals(receiptId)).findFirst();
    }

    public boolean belongsTo(CustomerId customer) {
        return customerId.equals(customer);
    }

    /** The result of a command on an order: a change to store with its event, a stale request, or one that must wait. */
    public sealed interface Transition permits Change, Transition.Stale, Transition.AwaitingPayment {
        /** The order is already at {@code current}, which is not before {@code requested}: it never will be. */
        record Stale(OrderStatus current, OrderStatus requested) implements Transition {}

        /** {@code requested} needs a paid order and {@code current} is not paid: it may be once the payment arrives. */
        record AwaitingPayment(OrderStatus current, OrderStatus requested) implements Transition {}
    }

    /** A new version of the order and the event that announces it; stored together, in one write. */
    public record Change(Order order, OrderEvent event) implements Transition {}
}
