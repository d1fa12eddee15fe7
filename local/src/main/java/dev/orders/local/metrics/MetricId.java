package dev.orders.local.metrics;

/** A metric's identity in CloudWatch: namespace, name and dimensions. */
public record MetricId(String namespace, String name, Dimensions dimensions) {

    public MetricId {
        if (namespace == null || namespace.isEmpty() || namespace.length() > 255) {
            throw new IllegalArgumentException("a namespace has 1 to 255 characters");
        }
        if (name == null || name.isEmpty() || name.length() > 255) {
            throw new IllegalArgumentException("a metric name has 1 to 255 characters");
        }
        if (dimensions == null) {
            dimensions = Dimensions.NONE;
        }
    }

    public static MetricId of(String namespace, String name, String... dimensions) {
        return new MetricId(namespace, name, Dimensions.of(dimensions));
    }

    @Override
    public String toString() {
        return namespace + " " + name + (dimensions.isEmpty() ? "" : " " + dimensions);
    }
}
