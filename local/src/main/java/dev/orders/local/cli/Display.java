package dev.orders.local.cli;

import java.util.Locale;

/** Sizes and ages as a person reads them in a table: {@code 12.4 MB}, {@code 3 min}. */
final class Display {

    private Display() {}

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        String[] units = {"KB", "MB", "GB"};
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static String age(java.time.Duration age) {
        long seconds = Math.max(0, age.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min";
        }
        if (seconds < 86_400 * 2) {
            return seconds / 3600 + " h";
        }
        return seconds / 86_400 + " d";
    }
}
