package dev.orders.local.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that runs {@code factor} times faster than real time from a start instant:
 * scaled now = scaledStart + (real now − realStart) × factor. Everything that counts minutes (metric
 * periods, alarm evaluation, canary intervals) reads this clock, so a 10-minute canary can be watched in
 * seconds. With factor 1 it is the real clock (shifted by {@code scaledStart − realStart}, normally 0).
 */
public final class TimeScale extends Clock {

    private final Clock real;
    /** Changed together by {@link #rescale}; read together through {@link #anchor}. */
    private volatile Anchor anchor;

    private record Anchor(double factor, long scaledStartMillis, long realStartMillis) {}

    private TimeScale(double factor, Instant scaledStart, Clock real) {
        check(factor);
        this.real = real;
        this.anchor = new Anchor(factor, scaledStart.toEpochMilli(), real.millis());
    }

    private static void check(double factor) {
        if (!(factor >= 1 && factor <= 10_000)) {
            throw new IllegalArgumentException("a time scale is a factor from 1 to 10000, not " + factor);
        }
    }

    /** Runs at {@code factor} from now on; scaled time goes on from where it is (it never jumps or runs backwards). */
    public synchronized void rescale(double factor) {
        check(factor);
        long realNow = real.millis();
        anchor = new Anchor(factor, scaledAt(anchor, realNow), realNow);
    }

    private static long scaledAt(Anchor a, long realMillis) {
        return a.scaledStartMillis() + Math.round((realMillis - a.realStartMillis()) * a.factor());
    }

    /** Real time. */
    public static TimeScale real() {
        return new TimeScale(1, Instant.now(), Clock.systemUTC());
    }

    /** {@code factor} × real time, starting now at {@code scaledStart} (never before the real now). */
    public static TimeScale of(double factor, Instant scaledStart) {
        return of(factor, scaledStart, Clock.systemUTC());
    }

    /** For tests: scaled time over another real clock. */
    public static TimeScale of(double factor, Instant scaledStart, Clock real) {
        Instant start = scaledStart.isBefore(real.instant()) ? real.instant() : scaledStart;
        return new TimeScale(factor, start, real);
    }

    /** Parses {@code --time-scale}: a number, optionally followed by {@code x} ({@code 60}, {@code 60x}). */
    public static double parseFactor(String text) {
        String number = text.trim().toLowerCase().replaceFirst("x$", "");
        try {
            double factor = Double.parseDouble(number);
            if (factor >= 1 && factor <= 10_000) {
                return factor;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException("--time-scale takes a factor from 1 to 10000 (e.g. 60), not '" + text + "'");
    }

    public double factor() {
        return anchor.factor();
    }

    @Override
    public long millis() {
        return scaledAt(anchor, real.millis());
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    /** The scaled instant of a real one (e.g. the real-clock timestamp of an EMF line printed by a handler). */
    public Instant toScaled(Instant realInstant) {
        return Instant.ofEpochMilli(scaledAt(anchor, realInstant.toEpochMilli()));
    }

    /** How long to wait in real time for {@code scaled} to pass on this clock. */
    public Duration realDelay(Duration scaled) {
        return Duration.ofNanos(Math.max(0, Math.round(scaled.toNanos() / anchor.factor())));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(ZoneOffset.UTC)) {
            return this;
        }
        throw new UnsupportedOperationException("scaled time is kept in UTC");
    }

    @Override
    public String toString() {
        double factor = anchor.factor();
        return factor == 1
                ? "real time"
                : "time × " + (factor == Math.rint(factor) ? String.valueOf((long) factor) : String.valueOf(factor));
    }
}
