package dev.orders.local.metrics.alarms;

/** How an alarm treats a missing datapoint; {@code missing} when the alarm says nothing. */
public enum TreatMissingData {
    missing,
    ignore,
    breaching,
    notBreaching;

    public static TreatMissingData parse(String text) {
        if (text == null) {
            return missing;
        }
        for (TreatMissingData t : values()) {
            if (t.name().equals(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                "TreatMissingData must be missing, ignore, breaching or notBreaching, not " + text);
    }
}
