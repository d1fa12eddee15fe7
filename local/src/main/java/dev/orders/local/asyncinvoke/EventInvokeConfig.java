package dev.orders.local.asyncinvoke;

import java.time.Duration;
import java.util.Optional;

/**
 * How Lambda treats the asynchronous events of one function qualifier: how many times a function error is retried
 * (0–2, default 2), how long an event may wait in the queue (60 s – 6 h, default 6 h), where the records of
 * successful and failed events go, and the function's dead-letter queue (the event body only).
 */
public record EventInvokeConfig(
        int maximumRetryAttempts,
        Duration maximumEventAge,
        Optional<Destination> onSuccess,
        Optional<Destination> onFailure,
        Optional<Destination> deadLetterQueue) {

    public static final int DEFAULT_RETRY_ATTEMPTS = 2;
    public static final Duration DEFAULT_EVENT_AGE = Duration.ofHours(6);
    public static final Duration MINIMUM_EVENT_AGE = Duration.ofSeconds(60);

    /** Lambda's behaviour for a qualifier without a configuration. */
    public static final EventInvokeConfig DEFAULT = new EventInvokeConfig(
            DEFAULT_RETRY_ATTEMPTS, DEFAULT_EVENT_AGE, Optional.empty(), Optional.empty(), Optional.empty());

    public EventInvokeConfig {
        if (maximumRetryAttempts < 0 || maximumRetryAttempts > 2) {
            throw new IllegalArgumentException("MaximumRetryAttempts must be 0-2, not " + maximumRetryAttempts);
        }
        if (maximumEventAge.compareTo(MINIMUM_EVENT_AGE) < 0 || maximumEventAge.compareTo(DEFAULT_EVENT_AGE) > 0) {
            throw new IllegalArgumentException(
                    "MaximumEventAgeInSeconds must be 60-21600, not " + maximumEventAge.toSeconds());
        }
    }

    EventInvokeConfig withDeadLetterQueue(Optional<Destination> deadLetterQueue) {
        return new EventInvokeConfig(maximumRetryAttempts, maximumEventAge, onSuccess, onFailure, deadLetterQueue);
    }

    /**
     * A destination as the template names it: its type ({@code SQS}, {@code SNS}, {@code Lambda}, {@code EventBridge},
     * {@code S3}) and the logical id of the resource it points at. Locally only an SQS queue of the template can
     * receive; any other is {@link #queue() empty} and each delivery to it counts as a failure.
     */
    public record Destination(String type, String target) {

        public Optional<String> queue() {
            return type.equals("SQS") ? Optional.of(target) : Optional.empty();
        }

        @Override
        public String toString() {
            return type + " " + target;
        }
    }
}
