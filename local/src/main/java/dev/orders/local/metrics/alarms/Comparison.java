package dev.orders.local.metrics.alarms;

/**
 * An alarm's ComparisonOperator against a static Threshold, with the words CloudWatch writes in its reasons.
 * The anomaly-band operators (LessThanLowerOrGreaterThanUpperThreshold, LessThanLowerThreshold,
 * GreaterThanUpperThreshold) need ANOMALY_DETECTION_BAND, which the local runtime does not model.
 */
public enum Comparison {
    GreaterThanOrEqualToThreshold("greater than or equal to"),
    GreaterThanThreshold("greater than"),
    LessThanThreshold("less than"),
    LessThanOrEqualToThreshold("less than or equal to");

    private final String words;

    Comparison(String words) {
        this.words = words;
    }

    public boolean breaches(double value, double threshold) {
        return switch (this) {
            case GreaterThanOrEqualToThreshold -> value >= threshold;
            case GreaterThanThreshold -> value > threshold;
            case LessThanThreshold -> value < threshold;
            case LessThanOrEqualToThreshold -> value <= threshold;
        };
    }

    public String words() {
        return words;
    }

    public static Comparison parse(String name) {
        for (Comparison c : values()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        if (name != null && (name.contains("LowerThreshold") || name.contains("UpperThreshold"))) {
            throw new IllegalArgumentException("ComparisonOperator " + name + " needs an anomaly detection band, "
                    + "which the local runtime does not model");
        }
        throw new IllegalArgumentException(
                "ComparisonOperator must be GreaterThanOrEqualToThreshold, GreaterThanThreshold, "
                        + "LessThanThreshold or LessThanOrEqualToThreshold, not " + name);
    }
}
