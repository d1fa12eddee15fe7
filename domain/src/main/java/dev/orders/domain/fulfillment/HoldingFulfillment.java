package dev.orders.domain.fulfillment;

import dev.orders.domain.port.OrderStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Fulfillment needs payment: a record for an order that is not paid yet is held aside, not applied and
 * not dropped, and tried again from time to time, since the payment may simply be late. Once it has waited
 * {@code paymentWait} it is given up with a reason (the caller quarantines it); a record that applies, or
 * turns out to be stale or a duplicate, is settled. A PAYMENT_FAILED order waits the same way: a later
 * successful payment may still come, and until it does the order never ships.
 */
public final class HoldingFulfillment {

    private final RecordingFulfillment recording;
    private final Duration paymentWait;

    public HoldingFulfillment(OrderStore store, Duration paymentWait) {
        Objects.requireNonNull(paymentWait, "paymentWait");
        if (paymentWait.isNegative() || paymentWait.isZero()) {
            throw new IllegalArgumentException("the payment wait must be positive: " + paymentWait);
        }
        this.recording = new RecordingFulfillment(store);
        this.paymentWait = paymentWait;
    }

    public sealed interface Outcome {
        /** Done with: applied, already applied, or stale. */
        record Settled(RecordingFulfillment.Outcome outcome) implements Outcome {}

        /** Still waiting: try again later. {@code cause} is a short code for logs and metrics. */
        record StillHeld(String cause) implements Outcome {}

        /** Never going to apply (waited too long, or invalid): set it aside with this reason. */
        record GivenUp(String reason) implements Outcome {}
    }

    /** Tries a held record again; {@code heldSince} is when it was first held. */
    public Outcome retry(FulfillmentDraft draft, Instant heldSince, Instant now) {
        boolean waitedEnough = !now.isBefore(heldSince.plus(paymentWait));
        return switch (recording.record(draft)) {
            case RecordingFulfillment.Outcome.Advanced advanced -> new Outcome.Settled(advanced);
            case RecordingFulfillment.Outcome.AlreadyApplied applied -> new Outcome.Settled(applied);
            case RecordingFulfillment.Outcome.Stale stale -> new Outcome.Settled(stale);
            case RecordingFulfillment.Outcome.Rejected rejected ->
                new Outcome.GivenUp(rejected.rejection().reason());
            case RecordingFulfillment.Outcome.AwaitingPayment awaiting ->
                waitedEnough
                        ? new Outcome.GivenUp("order-not-paid: order " + awaiting.orderId() + " is still "
                                + awaiting.current() + " after " + describe(paymentWait) + "; " + awaiting.reported()
                                + " was not applied")
                        : new Outcome.StillHeld("awaiting-payment");
            case RecordingFulfillment.Outcome.NotVisible notVisible ->
                waitedEnough
                        ? new Outcome.GivenUp("order-not-visible: order " + notVisible.orderId() + " was not found in "
                                + describe(paymentWait))
                        : new Outcome.StillHeld("order-not-visible");
            // a contended order is moving: it will settle, whatever the time held
            case RecordingFulfillment.Outcome.Contended contended -> new Outcome.StillHeld("order-contended");
        };
    }

    public Duration paymentWait() {
        return paymentWait;
    }

    private static String describe(Duration wait) {
        return wait.toSeconds() % 60 == 0 ? wait.toMinutes() + " min" : wait.toSeconds() + " s";
    }
}
