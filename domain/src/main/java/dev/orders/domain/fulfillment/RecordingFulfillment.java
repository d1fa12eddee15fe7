package dev.orders.domain.fulfillment;

import dev.orders.domain.advancing.AdvancingOrders;
import dev.orders.domain.advancing.AdvancingOrders.Result;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.OrderStatus;
import dev.orders.domain.port.OrderStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Recording what a warehouse did to an order, through the apply-once rule of {@link AdvancingOrders}: the
 * order moves forward once per fulfillment event. What fulfillment adds: the record's own rules
 * ({@link FulfillmentPolicy}), and that an unpaid order waits for its payment instead of shipping.
 */
public final class RecordingFulfillment {

    private final AdvancingOrders advancing;

    public RecordingFulfillment(OrderStore store) {
        this.advancing = new AdvancingOrders(store);
    }

    public sealed interface Outcome {
        /** The order moved forward; its event is in the outbox. */
        record Advanced(Order order) implements Outcome {}

        /** This event id was applied (or found stale) before: nothing changed. */
        record AlreadyApplied(String eventId) implements Outcome {}

        /** The order is already at or past the reported state: ignored, and counted. */
        record Stale(OrderId orderId, OrderStatus current, OrderStatus reported) implements Outcome {}

        /** The order is not paid yet (ACCEPTED or PAYMENT_FAILED): hold the record and try again later. */
        record AwaitingPayment(OrderId orderId, OrderStatus current, OrderStatus reported) implements Outcome {}

        /** The record can never be applied: quarantine it and move on. */
        record Rejected(FulfillmentPolicy.Rejection rejection) implements Outcome {}

        /** The order is not visible yet (the record may have overtaken it): retry later. */
        record NotVisible(OrderId orderId) implements Outcome {}

        /** Other writers kept moving the order: retry later. */
        record Contended(OrderId orderId) implements Outcome {}
    }

    public Outcome record(FulfillmentDraft draft) {
        return switch (FulfillmentPolicy.check(draft)) {
            case FulfillmentPolicy.Checked.Invalid invalid -> new Outcome.Rejected(invalid.rejection());
            case FulfillmentPolicy.Checked.Valid valid -> apply(valid.event());
        };
    }

    /**
     * {@link #record} for each draft in turn, with fewer store calls ({@link AdvancingOrders#advanceAll}): each
     * draft's outcome is the one {@code record} would have had. Answers the outcomes in order, up to and including
     * the first {@link Outcome.NotVisible} or {@link Outcome.Contended}: the drafts after it are not tried (a caller
     * retrying from there sees them again, and none overtakes it).
     */
    public List<Outcome> recordAll(List<FulfillmentDraft> drafts) {
        List<FulfillmentPolicy.Checked> checked =
                drafts.stream().map(FulfillmentPolicy::check).toList();
        List<AdvancingOrders.Step> steps = new ArrayList<>();
        for (FulfillmentPolicy.Checked each : checked) {
            if (each instanceof FulfillmentPolicy.Checked.Valid valid) {
                steps.add(step(valid.event()));
            }
        }
        List<Result> results = steps.isEmpty() ? List.of() : advancing.advanceAll(steps);
        List<Outcome> outcomes = new ArrayList<>(drafts.size());
        int next = 0;
        for (FulfillmentPolicy.Checked each : checked) {
            switch (each) {
                case FulfillmentPolicy.Checked.Invalid invalid ->
                    outcomes.add(new Outcome.Rejected(invalid.rejection()));
                case FulfillmentPolicy.Checked.Valid valid -> {
                    Outcome outcome = outcome(valid.event(), results.get(next++));
                    outcomes.add(outcome);
                    if (outcome instanceof Outcome.NotVisible || outcome instanceof Outcome.Contended) {
                        return outcomes;
                    }
                }
            }
        }
        return outcomes;
    }

    private static AdvancingOrders.Step step(FulfillmentEvent event) {
        return new AdvancingOrders.Step(
                event.orderId(), event.type().status(), event.dedupeId(), event.eventId(), event.occurredAt());
    }

    private Outcome apply(FulfillmentEvent event) {
        return outcome(event, advancing.advance(step(event)));
    }

    private static Outcome outcome(FulfillmentEvent event, Result result) {
        return switch (result) {
            case Result.Advanced advanced -> new Outcome.Advanced(advanced.order());
            case Result.AlreadyApplied ignored -> new Outcome.AlreadyApplied(event.eventId());
            case Result.Stale stale -> new Outcome.Stale(stale.orderId(), stale.current(), stale.requested());
            case Result.AwaitingPayment awaiting ->
                new Outcome.AwaitingPayment(awaiting.orderId(), awaiting.current(), awaiting.requested());
            case Result.NotVisible notVisible -> new Outcome.NotVisible(notVisible.orderId());
            case Result.Contended contended -> new Outcome.Contended(contended.orderId());
            // fulfillment states are checked by FulfillmentPolicy before; no precondition refuses them
            case Result.Refused impossible ->
                throw new IllegalStateException("no precondition was given: " + impossible);
        };
    }
}
