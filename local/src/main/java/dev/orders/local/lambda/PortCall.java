package dev.orders.local.lambda;

/**
 * One call from a version's code to a port the runtime serves: which function and version made it, which port
 * (its name in the function's wiring and its kind: orderStore, queue, quarantine, mailer) and which operation.
 */
public record PortCall(String function, String version, String port, String kind, String operation) {}
