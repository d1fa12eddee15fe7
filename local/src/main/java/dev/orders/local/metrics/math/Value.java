package dev.orders.local.metrics.math;

import dev.orders.local.metrics.TimeSeries;
import java.util.List;

/** What a math (sub)expression evaluates to: a scalar, one time series, or an array of time series. */
public sealed interface Value {

    record Scalar(double value) implements Value {}

    record Series(TimeSeries series, String label) implements Value {}

    record SeriesArray(List<Series> elements) implements Value {}

    /** A FILL mode or another bare word. */
    record Word(String name) implements Value {}

    record Text(String value) implements Value {}
}
