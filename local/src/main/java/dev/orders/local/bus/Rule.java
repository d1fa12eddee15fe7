package dev.orders.local.bus;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An EventBridge rule: an event pattern and its targets, each with its own retry policy and
 * optional dead-letter target.
 */
public record Rule(String name, String eventPattern, List<Binding> targets) {

    public Rule {
        targets = List.copyOf(targets);
    }

    /** EventBridge's defaults: 185 attempts over at most 24 hours. */
    public record RetryPolicy(int maximumRetryAttempts, Duration maximumEventAge) {
        public static final RetryPolicy DEFAULT = new RetryPolicy(185, Duration.ofHours(24));
    }

    public record Binding(Target target, RetryPolicy retryPolicy, Optional<Target> deadLetter) {}
}
