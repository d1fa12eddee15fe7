package dev.orders.local.metrics.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CloudWatch response before it is written in one of the wire protocols: structures, lists, strings,
 * numbers, booleans and timestamps (each protocol writes timestamps its own way).
 */
sealed interface Out {

    record Struct(Map<String, Out> members) implements Out {
        Struct() {
            this(new LinkedHashMap<>());
        }

        Struct put(String name, Out value) {
            if (value != null) {
                members.put(name, value);
            }
            return this;
        }

        Struct put(String name, String value) {
            return put(name, value == null ? null : new Str(value));
        }

        Struct put(String name, double value) {
            return put(name, new Num(value));
        }

        Struct put(String name, long value) {
            return put(name, new Int(value));
        }

        Struct put(String name, boolean value) {
            return put(name, new Bool(value));
        }

        Struct put(String name, Instant value) {
            return put(name, value == null ? null : new Time(value));
        }
    }

    record Items(List<Out> items) implements Out {}

    record Str(String value) implements Out {}

    record Num(double value) implements Out {}

    record Int(long value) implements Out {}

    record Bool(boolean value) implements Out {}

    record Time(Instant value) implements Out {}

    static Items strings(List<String> values) {
        return new Items(values.stream().map(v -> (Out) new Str(v)).toList());
    }
}
