package dev.orders.domain.testing;

import dev.orders.domain.order.CustomerId;
import dev.orders.domain.order.EmailAddress;
import dev.orders.domain.placing.IdempotencyKey;
import dev.orders.domain.placing.OrderDraft;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

public final class Fixtures {

    private Fixtures() {}

    public static CustomerId alice() {
        return new CustomerId("alice");
    }

    /** Alice's address, as her token's verified {@code email} claim gives it. */
    public static EmailAddress aliceEmail() {
        return new EmailAddress("alice@example.com");
    }

    public static CustomerId bob() {
        return new CustomerId("bob");
    }

    public static IdempotencyKey key(String value) {
        return new IdempotencyKey(value);
    }

    /** Two lines, 2 × 12.50 + 1 × 5.00 = 30.00 EUR. */
    public static OrderDraft twoLineDraft() {
        return new OrderDraft(
                null,
                null,
                List.of(new OrderDraft.Item("SKU-1", 2, "12.50", "EUR"), new OrderDraft.Item("SKU-2", 1, "5", "EUR")));
    }

    public static OrderDraft draftWithOrderId(String orderId) {
        return new OrderDraft(orderId, null, twoLineDraft().items());
    }

    public static Supplier<String> sequentialIds(String prefix) {
        AtomicInteger next = new AtomicInteger();
        return () -> prefix + next.incrementAndGet();
    }

    /** A clock the test moves by hand. */
    public static final class MutableClock extends Clock {
        private Instant now;

        public MutableClock(Instant start) {
            this.now = start;
        }

        public static MutableClock atNoon() {
            return new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
        }

        public synchronized void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public synchronized Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
