package dev.orders.domain.validation;

/** One rejected field of a request, named by its JSON path (for example {@code items[2].quantity}). */
public record FieldError(String field, String message) {}
