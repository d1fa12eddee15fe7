package dev.orders.domain.advancing;

import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.OrderStatus;
import dev.orders.domain.port.OrderStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The apply-once rule every message that moves an order follows (payments, fulfillment): read the order,
 * advance it, write the change together with the message's dedupe mark in one conditional write, and read
 * again when someone else wrote first. A message whose state is stale is only marked, so its redelivery is
 * recognised too. Every outcome is a result, none an exception: the caller decides what a retry means.
 */
public final class AdvancingOrders {

    /** Bounded: each conflict means another writer moved the order, so a fresh read usually settles it. */
    public static final int ATTEMPTS = 3;

    private final OrderStore store;

    public AdvancingOrders(OrderStore store) {
        this.store = store;
    }

    /** Move {@code orderId} to {@code target} because of the message {@code dedupeId}. */
    public record Step(OrderId orderId, OrderStatus target, DedupeId dedupeId, String causeId, Instant at) {
        public Step {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(dedupeId, "dedupeId");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A use case's own check of the order as read (payments: the amount); a refusal is final. */
    @FunctionalInterface
    public interface Precondition {
        Optional<String> refusal(Order order);

        static Precondition none() {
            return order -> Optional.empty();
        }
    }

    public sealed interface Result {
        /** The order moved; its event is in the outbox. */
        record Advanced(Order order) implements Result {}

        /** This message had its effect (or was found stale) before: nothing changed. */
        record AlreadyApplied(DedupeId dedupeId) implements Result {}

        /** The order is already at or past the requested state: ignored, marked and counted. */
        record Stale(OrderId orderId, OrderStatus current, OrderStatus requested) implements Result {}

        /** The requested state needs a paid order and this one is not paid (yet): nothing marked, try again later. */
        record AwaitingPayment(OrderId orderId, OrderStatus current, OrderStatus requested) implements Result {}

        /** The order is not visible (yet): the message may have overtaken it, so try again later. */
        record NotVisible(OrderId orderId) implements Result {}

        /** Other writers kept moving the order: try again later. */
        record Contended(OrderId orderId) implements Result {}

        /** The precondition refused the order as it is: the message can never apply. */
        record Refused(String reason) implements Result {}
    }

    public Result advance(Step step) {
        return advance(step, Precondition.none());
    }

    public Result advance(Step step, Precondition precondition) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<Order> found = store.findOrder(step.orderId());
            if (found.isEmpty()) {
                return new Result.NotVisible(step.orderId());
            }
            Order order = found.get();
            Optional<String> refusal = precondition.refusal(order);
            if (refusal.isPresent()) {
                return new Result.Refused(refusal.get());
            }
            switch (order.advance(step.target(), step.causeId(), step.at())) {
                case Order.Transition.Stale stale -> {
                    return switch (store.markProcessed(step.dedupeId())) {
                        case DUPLICATE -> new Result.AlreadyApplied(step.dedupeId());
                        case UPDATED, VERSION_CONFLICT ->
                            new Result.Stale(order.id(), stale.current(), stale.requested());
                    };
                }
                case Order.Transition.AwaitingPayment awaiting -> {
                    return new Result.AwaitingPayment(order.id(), awaiting.current(), awaiting.requested());
                }
                case Order.Change change -> {
                    switch (store.update(change, Optional.of(step.dedupeId()))) {
                        case UPDATED -> {
                            return new Result.Advanced(change.order());
                        }
                        case DUPLICATE -> {
                            return new Result.AlreadyApplied(step.dedupeId());
                        }
                        case VERSION_CONFLICT -> {
                            // someone else wrote the order between our read and our write: read again
                        }
                    }
                }
            }
        }
        return new Result.Contended(step.orderId());
    }

    /**
     * {@link #advance(Step)} for each step in turn, with fewer store calls: the orders of the steps are read together
     * ({@link OrderStore#findOrders}), each step is planned on the order as the steps before it leave it (so a later
     * step for the same order follows the earlier one), and the planned writes go in one {@link OrderStore#apply}. Each
     * step has the result {@code advance} would have had: a write the store refuses (a version conflict, a dedupe id
     * recorded before) ends the round, that step is settled on its own, and the steps after it are planned again on a
     * fresh read.
     *
     * <p>Answers the results in order, up to and including the first {@link Result.NotVisible} or
     * {@link Result.Contended}: the steps after it are not tried, so the caller can retry from there and no later step
     * overtakes it.
     */
    public List<Result> advanceAll(List<Step> steps) {
        List<Result> results = new ArrayList<>(steps.size());
        while (results.size() < steps.size()) {
            List<Step> rest = steps.subList(results.size(), steps.size());
            Map<OrderId, Order> view = new HashMap<>(
                    store.findOrders(rest.stream().map(Step::orderId).distinct().toList()));
            List<Planned> plan = new ArrayList<>();
            List<OrderStore.Write> writes = new ArrayList<>();
            for (Step step : rest) {
                Order order = view.get(step.orderId());
                if (order == null) {
                    plan.add(new Planned(step, new Result.NotVisible(step.orderId()), false));
                    break;
                }
                switch (order.advance(step.target(), step.causeId(), step.at())) {
                    case Order.Transition.Stale stale -> {
                        writes.add(new OrderStore.Write.Mark(step.dedupeId()));
                        plan.add(new Planned(
                                step, new Result.Stale(order.id(), stale.current(), stale.requested()), true));
                    }
                    case Order.Transition.AwaitingPayment awaiting ->
                        plan.add(new Planned(
                                step,
                                new Result.AwaitingPayment(order.id(), awaiting.current(), awaiting.requested()),
                                false));
                    case Order.Change change -> {
                        writes.add(new OrderStore.Write.Update(change, step.dedupeId()));
                        plan.add(new Planned(step, new Result.Advanced(change.order()), true));
                        view.put(order.id(), change.order());
                    }
                }
            }
            List<OrderStore.UpdateResult> written = writes.isEmpty() ? List.of() : store.apply(writes);
            if (written.isEmpty() && !writes.isEmpty()) {
                throw new IllegalStateException("the store answered no result for " + writes.size() + " writes");
            }
            int w = 0;
            for (Planned planned : plan) {
                if (!planned.writes()) {
                    results.add(planned.result());
                    if (planned.result() instanceof Result.NotVisible) {
                        return results;
                    }
                    continue;
                }
                if (w == written.size()) {
                    break; // the store stopped before this write: plan the rest again
                }
                OrderStore.UpdateResult result = written.get(w++);
                if (planned.result() instanceof Result.Stale) {
                    // as advance: a stale step is only marked; a mark found before means it was seen before
                    results.add(
                            result == OrderStore.UpdateResult.DUPLICATE
                                    ? new Result.AlreadyApplied(planned.step().dedupeId())
                                    : planned.result());
                    continue;
                }
                if (result == OrderStore.UpdateResult.UPDATED) {
                    results.add(planned.result());
                    continue;
                }
                // The store refused the write and tried none after it: settle this step on its own, re-plan the rest.
                Result settled = result == OrderStore.UpdateResult.DUPLICATE
                        ? new Result.AlreadyApplied(planned.step().dedupeId())
                        : advance(planned.step());
                results.add(settled);
                if (settled instanceof Result.NotVisible || settled instanceof Result.Contended) {
                    return results;
                }
                break;
            }
        }
        return results;
    }

    /** A step's result if its write (when it has one) is applied as planned. */
    private record Planned(Step step, Result result, boolean writes) {}
}
