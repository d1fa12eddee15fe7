package dev.orders.local.metrics;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CloudWatch statistic: SampleCount, Sum, Average, Minimum, Maximum, or a percentile pNN(.NN).
 * Percentiles are computed exactly over every value of the period (nearest rank, see {@link Distribution}),
 * and are unavailable, as in CloudWatch, when any value is negative or a statistic set hid the values.
 */
public sealed interface Statistic {

    Pattern PERCENTILE = Pattern.compile("[pP](\\d{1,3}(?:\\.\\d{1,10})?)");

    String name();

    OptionalDouble of(Aggregate aggregate);

    enum Basic implements Statistic {
        SampleCount,
        Sum,
        Average,
        Minimum,
        Maximum;

        @Override
        public OptionalDouble of(Aggregate a) {
            return OptionalDouble.of(
                    switch (this) {
                        case SampleCount -> a.sampleCount();
                        case Sum -> a.sum();
                        case Average -> a.average();
                        case Minimum -> a.minimum();
                        case Maximum -> a.maximum();
                    });
        }
    }

    record Percentile(double percent, String name) implements Statistic {
        @Override
        public OptionalDouble of(Aggregate a) {
            if (a.distribution() == null
                    || a.distribution().hasNegative()
                    || a.distribution().total() == 0) {
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(a.distribution().percentile(percent));
        }

        /** CloudWatch's low-sample-count rule for alarms: fewer than 10/(1−p) samples (p ≥ 0.5), or 10/p. */
        public double significantSampleCount() {
            double p = percent / 100;
            return p >= 0.5 ? 10 / (1 - p) : 10 / p;
        }
    }

    /** Parses a statistic name as GetMetricData's {@code Stat} or an alarm's Statistic/ExtendedStatistic gives it. */
    static Statistic parse(String text) {
        for (Basic basic : Basic.values()) {
            if (basic.name().equals(text)) {
                return basic;
            }
        }
        Matcher percentile = PERCENTILE.matcher(text == null ? "" : text);
        if (percentile.matches()) {
            double percent = Double.parseDouble(percentile.group(1));
            if (percent >= 0 && percent <= 100) {
                return new Percentile(percent, "p" + percentile.group(1));
            }
        }
        throw new IllegalArgumentException(
                "The statistic " + text + " is not supported locally: use SampleCount, Sum, Average, "
                        + "Minimum, Maximum or a percentile p0.0 to p100");
    }
}
