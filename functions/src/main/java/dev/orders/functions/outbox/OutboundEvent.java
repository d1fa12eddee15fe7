package dev.orders.functions.outbox;

import java.time.Instant;

/** One bus event as the outbox item holds it: the detail is already JSON. */
public record OutboundEvent(String eventId, String detailType, String detail, Instant time) {}
