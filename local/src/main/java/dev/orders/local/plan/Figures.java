package dev.orders.local.plan;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.util.Locale;

/** How the plan writes its figures: grouped thousands, at most three decimals, durations in seconds inside formulas. */
final class Figures {

    private static final ThreadLocal<DecimalFormat> NUMBER = ThreadLocal.withInitial(
            () -> new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ENGLISH)));

    private Figures() {}

    static String number(double value) {
        return NUMBER.get().format(value);
    }

    /** {@code 0.25 s}, {@code 1 s}, {@code 15.25 s}: the unit Little's law multiplies by. */
    static String seconds(double seconds) {
        return number(seconds) + " s";
    }

    /** {@code 250 ms}, {@code 1.5 s}: how a person writes a duration. */
    static String duration(Duration duration) {
        long nanos = duration.toNanos();
        return nanos < 1_000_000_000L ? number(nanos / 1e6) + " ms" : seconds(nanos / 1e9);
    }

    static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
