package dev.orders.local.metrics.alarms;

import java.time.Instant;

/** One entry of DescribeAlarmHistory: a state update, an action, or a configuration update. */
public record AlarmHistoryItem(String alarmName, Instant timestamp, String type, String summary, String data) {}
