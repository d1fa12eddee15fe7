package dev.orders.domain.order;

import dev.orders.domain.money.Money;
import java.util.Objects;

public record LineItem(String sku, int quantity, Money unitPrice) {

    public LineItem {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(unitPrice, "unitPrice");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be positive");
        }
    }

    public Money total() {
        return unitPrice.times(quantity);
    }
}
