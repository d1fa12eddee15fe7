package dev.orders.domain.order;

import java.time.Instant;

/** One step of an order's history: the state reached, when, and the id of what caused it. */
public record StatusChange(OrderStatus status, Instant at, String causeId) {}
