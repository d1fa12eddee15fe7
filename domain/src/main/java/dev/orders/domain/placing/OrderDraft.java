package dev.orders.domain.placing;

import java.util.List;

/**
 * An order request as the client sent it, before any rule is applied. Absent fields are null; a
 * field the adapter could not read at all (wrong JSON type) is also null and already reported.
 */
public record OrderDraft(String orderId, String customerId, List<Item> items) {

    public record Item(String sku, Integer quantity, String amount, String currency) {}
}
