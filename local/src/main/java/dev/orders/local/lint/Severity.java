package dev.orders.local.lint;

/** An ERROR fails {@code ./orders lint}; a WARNING is printed and passes. */
public enum Severity {
    ERROR,
    WARNING
}
