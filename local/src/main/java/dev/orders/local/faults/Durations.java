package dev.orders.local.faults;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in a fault: {@code 750ms}, {@code 2s}, {@code 1.5s}, {@code 5m}, {@code 1h}. */
final class Durations {

    private static final Pattern DURATION = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");

    private Durations() {}

    static Duration parse(String what, String text) {
        Matcher m = DURATION.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new FaultRequestException(
                    what + " must be a duration such as 750ms, 2s, 1.5s, 5m or 1h, got '" + text + "'");
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        BigDecimal millis = switch (m.group(2)) {
            case "ms" -> amount;
            case "s" -> amount.movePointRight(3);
            case "m" -> amount.multiply(BigDecimal.valueOf(60_000));
            default -> amount.multiply(BigDecimal.valueOf(3_600_000));
        };
        if (millis.compareTo(BigDecimal.valueOf(Duration.ofDays(7).toMillis())) > 0) {
            throw new FaultRequestException(what + " must be at most 7 days, got '" + text + "'");
        }
        return Duration.ofMillis(millis.longValue());
    }

    static String text(Duration d) {
        long millis = d.toMillis();
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0 && millis > 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
