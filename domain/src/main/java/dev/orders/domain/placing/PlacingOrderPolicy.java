package dev.orders.domain.placing;

import dev.orders.domain.money.Money;
import dev.orders.domain.order.CustomerId;
import dev.orders.domain.order.LineItem;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.validation.FieldError;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Every rule a new order request must satisfy (P1), reported all at once. */
public final class PlacingOrderPolicy {

    public static final int MAX_ITEMS = 100;
    public static final int MIN_QUANTITY = 1;
    public static final int MAX_QUANTITY = 999;
    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private PlacingOrderPolicy() {}

    /** The outcome of checking a draft: a command, the field errors, or a customer that is not the caller. */
    public sealed interface Verdict {
        record Valid(PlaceOrder command) implements Verdict {}

        record Invalid(List<FieldError> errors) implements Verdict {
            public Invalid {
                errors = List.copyOf(errors);
            }
        }

        /** The body names a customer other than the caller. */
        record NotTheCaller() implements Verdict {}
    }

    public static Verdict check(OrderDraft draft, CustomerId caller, IdempotencyKey key) {
        List<FieldError> errors = new ArrayList<>();
        if (draft.orderId() != null && !OrderId.isValid(draft.orderId())) {
            errors.add(new FieldError(
                    "orderId", "must be 1-64 letters, digits, '-' or '_', starting with a letter or digit"));
        }
        if (draft.customerId() != null && !CustomerId.isValid(draft.customerId())) {
            errors.add(new FieldError("customerId", "must be 1-128 printable characters without spaces"));
        }
        List<LineItem> items = checkItems(draft.items(), errors);
        if (!errors.isEmpty()) {
            return new Verdict.Invalid(errors);
        }
        if (draft.customerId() != null && !draft.customerId().equals(caller.value())) {
            return new Verdict.NotTheCaller();
        }
        Optional<OrderId> requested = Optional.ofNullable(draft.orderId()).map(OrderId::new);
        return new Verdict.Valid(new PlaceOrder(new IdempotencyScope(caller, key), requested, caller, items));
    }

    private static List<LineItem> checkItems(List<OrderDraft.Item> drafts, List<FieldError> errors) {
        if (drafts == null || drafts.isEmpty()) {
            errors.add(new FieldError("items", "must list at least one item"));
            return List.of();
        }
        if (drafts.size() > MAX_ITEMS) {
            errors.add(new FieldError("items", "must list at most " + MAX_ITEMS + " items"));
            return List.of();
        }
        List<LineItem> items = new ArrayList<>();
        Currency orderCurrency = null;
        for (int i = 0; i < drafts.size(); i++) {
            String at = "items[" + i + "]";
            OrderDraft.Item draft = drafts.get(i);
            if (draft == null) {
                errors.add(new FieldError(at, "must be an object"));
                continue;
            }
            int before = errors.size();
            if (draft.sku() == null || !SKU.matcher(draft.sku()).matches()) {
                errors.add(new FieldError(at + ".sku", "must be 1-64 letters, digits, '.', '-' or '_'"));
            }
            if (draft.quantity() == null || draft.quantity() < MIN_QUANTITY || draft.quantity() > MAX_QUANTITY) {
                errors.add(new FieldError(
                        at + ".quantity", "must be a whole number from " + MIN_QUANTITY + " to " + MAX_QUANTITY));
            }
            Optional<Currency> currency = Money.currency(draft.currency());
            Optional<Money> price = Optional.empty();
            if (currency.isEmpty()) {
                errors.add(new FieldError(at + ".unitPrice.currency", "must be an ISO-4217 currency code such as EUR"));
            } else {
                price = Money.parse(draft.amount(), currency.get());
                if (price.isEmpty()) {
                    errors.add(new FieldError(
                            at + ".unitPrice.amount",
                            "must be a decimal string such as \"12.50\" with at most "
                                    + currency.get().getDefaultFractionDigits() + " decimals for "
                                    + currency.get().getCurrencyCode()));
                }
                if (orderCurrency == null) {
                    orderCurrency = currency.get();
                } else if (!orderCurrency.equals(currency.get())) {
                    errors.add(new FieldError(
                            at + ".unitPrice.currency",
                            "must be " + orderCurrency.getCurrencyCode()
                                    + ": all items of an order share one currency"));
                }
            }
            if (errors.size() == before) {
                items.add(new LineItem(draft.sku(), draft.quantity(), price.orElseThrow()));
            }
        }
        return items;
    }
}
