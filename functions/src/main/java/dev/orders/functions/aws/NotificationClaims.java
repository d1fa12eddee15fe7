package dev.orders.functions.aws;

/**
 * What SES lacks, an idempotency key: a notification is claimed before it is sent and marked sent after, so a
 * redelivered event mails nothing twice. {@link DynamoDbNotificationClaims} keeps the claims in the orders table.
 */
public interface NotificationClaims {

    enum Claim {
        /** Ours to send now. */
        CLAIMED,
        /** Sent before: send nothing. */
        ALREADY_SENT,
        /** Another delivery holds a live claim: try again after it has finished or its lease has ended. */
        HELD_ELSEWHERE
    }

    Claim claim(String notificationId);

    void markSent(String notificationId, String messageId);

    /** Gives a claim back when the send failed, so a retry need not wait for the lease to end. */
    void release(String notificationId);
}
