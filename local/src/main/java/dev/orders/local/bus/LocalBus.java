package dev.orders.local.bus;

import dev.orders.local.delivery.DeliveryFaults;
import dev.orders.local.delivery.DeliveryPath;
import dev.orders.local.store.Database;
import dev.orders.local.store.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.event.ruler.Machine;

/**
 * The local event bus. An event is archived and its deliveries (one per matching rule target) are
 * recorded in the same transaction that marks its outbox entry published, so the archive holds each
 * event exactly once and no matched delivery is lost in a crash. Deliveries are then attempted with
 * EventBridge's retry policy: exponential backoff until the attempts or the event age run out, then
 * the target's dead-letter target, if any. The SQL lives in {@link BusStore}.
 */
public final class LocalBus {

    private static final Logger LOG = LoggerFactory.getLogger(LocalBus.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    private static final int DELIVERIES_PER_ROUND = 100;

    private final BusStore store;
    private final Clock clock;
    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final Machine machine = new Machine();
    private final Object signal = new Object();
    private volatile DeliveryFaults deliveries = DeliveryFaults.NONE;
    private volatile Listener listener = new Listener() {};

    /** Hears what EventBridge counts per rule: Invocations, FailedInvocations, RetryInvocationAttempts. */
    public interface Listener {
        default void invoked(String rule) {}

        default void failed(String rule) {}

        default void retried(String rule) {}
    }

    /** Delivery faults: an event is sometimes delivered to its target twice. */
    public void deliveryFaults(DeliveryFaults faults) {
        this.deliveries = faults;
    }

    public void listen(Listener listener) {
        this.listener = listener;
    }

    public LocalBus(Database db, Clock clock) {
        this.store = new BusStore(db);
        this.clock = clock;
    }

    public synchronized void addRule(Rule rule) {
        try {
            machine.addRule(rule.name(), rule.eventPattern());
        } catch (Exception invalid) {
            throw new IllegalArgumentException("rule " + rule.name() + " has an invalid event pattern", invalid);
        }
        rules.put(rule.name(), rule);
    }

    /** Publishes an outbox entry: archive, deliveries and the published mark commit together. */
    public void publish(Outbox outbox, Outbox.Entry entry) {
        BusEvent event = BusEvent.from(entry.event());
        String envelope = event.envelope().toString();
        List<BusStore.Match> matched = match(event, envelope);
        store.archive(event, envelope, matched, clock.millis(), c -> outbox.markPublished(c, entry.seq()));
        if (!matched.isEmpty()) {
            synchronized (signal) {
                signal.notifyAll();
            }
        }
    }

    private synchronized List<BusStore.Match> match(BusEvent event, String envelope) {
        List<BusStore.Match> matched = new ArrayList<>();
        try {
            for (String ruleName : machine.rulesForJSONEvent(envelope)) {
                for (Rule.Binding binding : rules.get(ruleName).targets()) {
                    matched.add(new BusStore.Match(ruleName, binding.target().name()));
                }
            }
        } catch (Exception unmatchable) {
            LOG.warn("event {} could not be matched against rules", event.id(), unmatchable);
        }
        return matched;
    }

    /** The archive, oldest first, optionally only one detail-type: what {@code GET /_local/events} shows. */
    public List<BusEvent> archive(Optional<String> detailType) {
        return store.envelopes(detailType).stream().map(BusEvent::fromEnvelope).toList();
    }

    /**
     * Attempts every due delivery once. Returns how many were attempted. Called by the delivery
     * loop; tests call it directly.
     */
    public int deliverDue() {
        List<BusStore.Due> due = store.due(clock.millis(), DELIVERIES_PER_ROUND);
        for (BusStore.Due d : due) {
            Optional<Rule.Binding> binding = binding(d.rule(), d.target());
            BusEvent event = BusEvent.fromEnvelope(d.envelope());
            if (binding.isEmpty()) {
                LOG.warn("dropping delivery of {} to {}: the rule or target no longer exists", event.id(), d.target());
                store.finish(d.id());
                continue;
            }
            try {
                binding.get().target().deliver(event);
                if (deliveries.duplicate(
                        DeliveryPath.BUS, d.target(), d.rule() + "/" + d.target() + "/" + event.id())) {
                    binding.get().target().deliver(event); // a delivery fault: EventBridge delivered the event twice
                }
                store.finish(d.id());
                listener.invoked(d.rule());
            } catch (Exception failed) {
                retryOrGiveUp(d.id(), d.attempts() + 1, d.rule(), binding.get(), event, failed);
            }
        }
        return due.size();
    }

    private void retryOrGiveUp(
            long id, int attempts, String rule, Rule.Binding binding, BusEvent event, Exception failure) {
        Rule.RetryPolicy policy = binding.retryPolicy();
        boolean tooOld = Duration.between(event.time(), clock.instant()).compareTo(policy.maximumEventAge()) > 0;
        if (attempts > policy.maximumRetryAttempts() || tooOld) {
            listener.invoked(rule);
            listener.failed(rule);
            LOG.warn(
                    "delivery of {} to {} failed {} times; giving up",
                    event.id(),
                    binding.target().name(),
                    attempts,
                    failure);
            binding.deadLetter().ifPresent(dlq -> {
                try {
                    dlq.deliver(event);
                } catch (Exception lost) {
                    LOG.error("dead-letter delivery of {} failed too", event.id(), lost);
                }
            });
            store.finish(id);
            return;
        }
        listener.retried(rule);
        long backoff = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(attempts - 1, 16));
        long jittered = backoff / 2 + (long) (Math.random() * backoff / 2);
        store.reschedule(id, attempts, clock.millis() + jittered);
    }

    private synchronized Optional<Rule.Binding> binding(String rule, String target) {
        return Optional.ofNullable(rules.get(rule))
                .flatMap(r -> r.targets().stream()
                        .filter(b -> b.target().name().equals(target))
                        .findFirst());
    }

    /** The newest {@code limit} events of the archive, newest first (the dashboard's "recent bus events"). */
    public List<BusEvent> recent(int limit) {
        return store.recent(limit).stream().map(BusEvent::fromEnvelope).toList();
    }

    public long pendingDeliveries() {
        return store.pendingDeliveries();
    }

    /** Waits until a publish signals deliveries or {@code millis} pass. */
    public void awaitDeliveries(long millis) throws InterruptedException {
        synchronized (signal) {
            signal.wait(millis);
        }
    }
}
