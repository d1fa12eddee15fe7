package dev.orders.local.metrics.alarms;

import java.time.Instant;

/** An alarm's current state, as DescribeAlarms shows it. */
public record AlarmStatus(
        AlarmState state,
        String reason,
        String reasonData,
        Instant updated,
        Instant transitioned,
        Instant configurationUpdated) {}
