package dev.orders.local.metrics.alarms;

import java.time.Instant;

/** An alarm changed state: what the canary, the drill and the actions react to. */
public record StateChange(
        AlarmDefinition alarm, AlarmState oldState, AlarmStatus newStatus, String oldReason, Instant at) {}
