package dev.orders.domain.placing;

import dev.orders.domain.order.CustomerId;

/** Keys belong to the caller: two customers may use the same key without seeing each other's orders. */
public record IdempotencyScope(CustomerId caller, IdempotencyKey key) {}
