package dev.orders.local.faults;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The latency a slowed dependency adds to each call: fixed ({@code 750ms}) or a distribution given by its median and
 * 99th percentile ({@code p50:200ms,p99:2s}), drawn from the log-normal distribution with those two quantiles (a
 * dependency's latency is skewed: most calls near the median, a long tail). Draws are capped at Lambda's longest
 * timeout, 15 minutes.
 */
public sealed interface Latency {

    Duration LONGEST = Duration.ofMinutes(15);
    /** The standard normal distribution's 99th percentile. */
    double Z99 = 2.3263478740408408;

    Duration draw(RandomGenerator random);

    /** The median: what the capacity planner takes as the added latency. */
    Duration median();

    String text();

    record Fixed(Duration added) implements Latency {
        public Fixed {
            if (added.isNegative() || added.isZero() || added.compareTo(LONGEST) > 0) {
                throw new FaultRequestException(
                        "latency must be above 0 and at most 15m, got " + Durations.text(added));
            }
        }

        @Override
        public Duration draw(RandomGenerator random) {
            return added;
        }

        @Override
        public Duration median() {
            return added;
        }

        @Override
        public String text() {
            return Durations.text(added);
        }
    }

    record LogNormal(Duration p50, Duration p99) implements Latency {
        public LogNormal {
            if (p50.isNegative() || p50.isZero() || p99.compareTo(LONGEST) > 0) {
                throw new FaultRequestException("latency percentiles must be above 0 and at most 15m, got p50 "
                        + Durations.text(p50) + ", p99 " + Durations.text(p99));
            }
            if (p99.compareTo(p50) < 0) {
                throw new FaultRequestException(
                        "latency p99 (" + Durations.text(p99) + ") cannot be below p50 (" + Durations.text(p50) + ")");
            }
        }

        @Override
        public Duration draw(RandomGenerator random) {
            double mu = Math.log(p50.toNanos());
            double sigma = (Math.log(p99.toNanos()) - mu) / Z99;
            double nanos = Math.exp(mu + sigma * random.nextGaussian());
            return nanos >= LONGEST.toNanos() ? LONGEST : Duration.ofNanos((long) nanos);
        }

        @Override
        public Duration median() {
            return p50;
        }

        @Override
        public String text() {
            return "p50:" + Durations.text(p50) + ",p99:" + Durations.text(p99);
        }
    }

    /** {@code 750ms} or {@code p50:200ms,p99:2s} (either order). */
    static Latency parse(String text) {
        if (text == null || text.isBlank()) {
            throw new FaultRequestException(
                    "latency is missing: give a duration (750ms) or a distribution (p50:200ms,p99:2s)");
        }
        String t = text.strip();
        if (!t.startsWith("p")) {
            return new Fixed(Durations.parse("latency", t));
        }
        Duration p50 = null;
        Duration p99 = null;
        for (String part : t.split(",")) {
            String[] kv = part.strip().split(":", 2);
            if (kv.length != 2) {
                throw new FaultRequestException(
                        "latency distribution must be p50:D,p99:D (e.g. p50:200ms,p99:2s), got '" + text + "'");
            }
            switch (kv[0].strip()) {
                case "p50" -> p50 = Durations.parse("latency p50", kv[1]);
                case "p99" -> p99 = Durations.parse("latency p99", kv[1]);
                default ->
                    throw new FaultRequestException(
                            "latency distribution takes p50 and p99, not '" + kv[0].strip() + "'");
            }
        }
        if (p50 == null || p99 == null) {
            throw new FaultRequestException(
                    "latency distribution needs both p50 and p99 (e.g. p50:200ms,p99:2s), got '" + text + "'");
        }
        return new LogNormal(p50, p99);
    }
}
