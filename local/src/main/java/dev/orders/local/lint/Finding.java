package dev.orders.local.lint;

/** One problem a rule found in one resource. */
public record Finding(String rule, String resource, String message, Severity severity) {

    public static Finding error(String rule, String resource, String message) {
        return new Finding(rule, resource, message, Severity.ERROR);
    }

    public static Finding warning(String rule, String resource, String message) {
        return new Finding(rule, resource, message, Severity.WARNING);
    }

    /** severity, rule, resource, message: fixed columns first, so the output greps and sorts well. */
    public String line() {
        return String.format("%-7s %-24s %-28s %s", severity, rule, resource, message);
    }
}
