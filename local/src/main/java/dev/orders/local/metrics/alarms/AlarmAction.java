package dev.orders.local.metrics.alarms;

/** What an alarm action ARN does locally (an SNS topic publishes; others are recorded as not carried out). */
public interface AlarmAction {

    /** Carries out {@code action} for {@code change}; returns the Action history item CloudWatch would write. */
    AlarmHistoryItem execute(String action, StateChange change);
}
