package dev.orders.local.metrics.alarms;

/** CloudWatch's alarm states. */
public enum AlarmState {
    OK,
    ALARM,
    INSUFFICIENT_DATA
}
