package dev.orders.local.plan;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The quantities a plan is asked with, read from text as a person types them: durations ({@code 250ms}, {@code 1s},
 * {@code 0.25s}, {@code 1.5} meaning seconds), rates, added latencies and a scaling rate ({@code 1000/10s}). Anything
 * else is refused with a message that says what is accepted.
 */
public final class Quantities {

    /** Lambda's longest invocation: a duration beyond it is no Lambda duration at all. */
    public static final Duration LONGEST_INVOCATION = Duration.ofSeconds(900);
    /** A bound on the rates a plan takes, far beyond any account's quotas, so the arithmetic stays finite. */
    public static final double HIGHEST_RATE = 10_000_000;

    private static final Pattern AMOUNT = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(ms|s)?\\s*");
    private static final Pattern RATE = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(?:/s)?\\s*");
    private static final Pattern SCALING =
            Pattern.compile("\\s*(\\d+)\\s*(?:/\\s*(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(ms|s)?)?\\s*");

    private Quantities() {}

    /** A function's duration: {@code 250ms}, {@code 1s}, {@code 0.25s}, or a bare number of seconds; above 0, at most 900 s. */
    public static Duration duration(String text) {
        Duration duration = amount(text, "s", "a duration such as 250ms, 1s, 0.25s or 1.5 (seconds)");
        if (duration.isZero()) {
            throw new IllegalArgumentException("a duration must be greater than 0, got '" + text + "'");
        }
        return atMostLongestInvocation(duration, text);
    }

    /** A latency added to each call to a dependency: a bare number is milliseconds ({@code 750}), or {@code 750ms}, {@code 1s}. */
    public static Duration latency(String text) {
        return atMostLongestInvocation(amount(text, "ms", "milliseconds such as 750, or 750ms or 1s"), text);
    }

    /** Requests (or messages, records) per second: a number above 0, optionally written with {@code /s}. */
    public static double rate(String text) {
        Matcher matcher = RATE.matcher(text == null ? "" : text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a rate: give a number per second such as 2000 or 12.5");
        }
        double rate = Double.parseDouble(matcher.group(1));
        if (rate <= 0) {
            throw new IllegalArgumentException("a rate must be greater than 0, got '" + text + "'");
        }
        if (rate > HIGHEST_RATE) {
            throw new IllegalArgumentException(
                    "a rate of at most " + Figures.number(HIGHEST_RATE) + " per second, got '" + text + "'");
        }
        return rate;
    }

    /**
     * Lambda's scaling rate as new execution environments per 10 seconds: {@code 1000/10s}, {@code 100/1s} (the same),
     * or a bare number meaning per 10 seconds. At least 1 environment per 10 s.
     */
    public static int scalingPerTenSeconds(String text) {
        Matcher matcher = SCALING.matcher(text == null ? "" : text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a scaling rate: give environments per period such as 1000/10s"
                            + " (or 1000, meaning per 10 s)");
        }
        BigDecimal environments = new BigDecimal(matcher.group(1));
        BigDecimal periodSeconds = matcher.group(2) == null
                ? BigDecimal.TEN
                : new BigDecimal(matcher.group(2)).movePointLeft("ms".equals(matcher.group(3)) ? 3 : 0);
        if (periodSeconds.signum() == 0) {
            throw new IllegalArgumentException("a scaling rate's period must be longer than 0, got '" + text + "'");
        }
        BigDecimal perTenSeconds =
                environments.multiply(BigDecimal.TEN).divide(periodSeconds, 0, java.math.RoundingMode.DOWN);
        if (perTenSeconds.signum() <= 0 || perTenSeconds.compareTo(BigDecimal.valueOf(HIGHEST_RATE)) > 0) {
            throw new IllegalArgumentException("a scaling rate of 1 to " + Figures.number(HIGHEST_RATE)
                    + " environments per 10 s, got '" + text + "'");
        }
        return perTenSeconds.intValueExact();
    }

    private static Duration amount(String text, String bareUnit, String accepted) {
        Matcher matcher = AMOUNT.matcher(text == null ? "" : text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not " + accepted);
        }
        String unit = matcher.group(2) == null ? bareUnit : matcher.group(2);
        BigDecimal seconds = new BigDecimal(matcher.group(1)).movePointLeft(unit.equals("ms") ? 3 : 0);
        if (seconds.compareTo(BigDecimal.valueOf(LONGEST_INVOCATION.toSeconds())) > 0) {
            throw new IllegalArgumentException(tooLong(text));
        }
        return Duration.ofNanos(seconds.movePointRight(9)
                .setScale(0, java.math.RoundingMode.HALF_UP)
                .longValueExact());
    }

    private static Duration atMostLongestInvocation(Duration duration, String text) {
        if (duration.compareTo(LONGEST_INVOCATION) > 0) {
            throw new IllegalArgumentException(tooLong(text));
        }
        return duration;
    }

    private static String tooLong(String text) {
        return "'" + text + "' is longer than a Lambda invocation can last (" + LONGEST_INVOCATION.toSeconds() + " s)";
    }
}
