package dev.orders.local.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A metric's dimensions: a set of name/value pairs, at most 30, names unique. CloudWatch treats the set as
 * part of the metric's identity regardless of the order it was given in, so it is kept sorted by name.
 */
public record Dimensions(List<Dimension> list) {

    public static final int MAX = 30;
    public static final Dimensions NONE = new Dimensions(List.of());

    public record Dimension(String name, String value) {
        public Dimension {
            if (name == null || name.isEmpty() || name.length() > 255) {
                throw new IllegalArgumentException("a dimension name has 1 to 255 characters");
            }
            if (value == null || value.isEmpty() || value.length() > 1024) {
                throw new IllegalArgumentException("the value of dimension " + name + " has 1 to 1024 characters");
            }
        }
    }

    public Dimensions {
        TreeMap<String, Dimension> byName = new TreeMap<>();
        for (Dimension d : list) {
            if (byName.put(d.name(), d) != null) {
                throw new IllegalArgumentException("dimension " + d.name() + " is given twice");
            }
        }
        if (byName.size() > MAX) {
            throw new IllegalArgumentException("a metric has at most " + MAX + " dimensions");
        }
        list = List.copyOf(byName.values());
    }

    /** {@code of("FunctionName", "F", "Resource", "F:live")}. */
    public static Dimensions of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("dimensions come in name/value pairs");
        }
        List<Dimension> list = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            list.add(new Dimension(namesAndValues[i], namesAndValues[i + 1]));
        }
        return new Dimensions(list);
    }

    public static Dimensions of(Map<String, String> map) {
        return new Dimensions(map.entrySet().stream()
                .map(e -> new Dimension(e.getKey(), e.getValue()))
                .toList());
    }

    public Map<String, String> asMap() {
        TreeMap<String, String> map = new TreeMap<>();
        list.forEach(d -> map.put(d.name(), d.value()));
        return Collections.unmodifiableMap(map);
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        list.forEach(d -> text.append('[')
                .append(d.name())
                .append(" = ")
                .append(d.value())
                .append(']'));
        return text.toString();
    }
}
