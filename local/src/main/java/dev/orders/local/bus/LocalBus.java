package dev.orders.local.bus;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.store.Database;
import dev.orders.local.store.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.event.ruler.Machine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local event bus. An event is archived and its deliveries (one per matching rule target) are
 * recorded in the same transaction that marks its outbox entry published, so the archive holds each
 * event exactly once and no matched delivery is lost in a crash. Deliveries are then attempted with
 * EventBridge's retry policy: exponential backoff until the attempts or the event age run out, then
 * the target's dead-letter target, if any.
 */
public final class LocalBus {

    private static final Logger LOG = LoggerFactory.getLogger(LocalBus.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final Database db;
    private final Clock clock;
    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final Machine machine = new Machine();
    private final Object signal = new Object();
    private volatile Listener listener = new Listener() {
    };

    /** Hears what EventBridge counts per rule: Invocations, FailedInvocations, RetryInvocationAttempts. */
    public interface Listener {
        default void invoked(String rule) {
        }

        default void failed(String rule) {
        }

        default void retried(String rule) {
        }
    }

    public void listen(Listener listener) {
        this.listener = listener;
    }

    public LocalBus(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        db.schema("""
                CREATE TABLE IF NOT EXISTS bus_archive (
                  seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, source TEXT NOT NULL,
                  detail_type TEXT NOT NULL, time TEXT NOT NULL, envelope TEXT NOT NULL)""", """
                CREATE TABLE IF NOT EXISTS bus_deliveries (
                  id INTEGER PRIMARY KEY AUTOINCREMENT, event_seq INTEGER NOT NULL, rule TEXT NOT NULL,
                  target TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, due_at INTEGER NOT NULL,
                  UNIQUE (event_seq, rule, target))""");
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
        List<String[]> matched = match(event);
        db.transaction(c -> {
            if (archive(c, event)) {
                long seq = archivedSeq(c, event.id());
                for (String[] ruleAndTarget : matched) {
                    try (PreparedStatement s = c.prepareStatement(
                            "INSERT OR IGNORE INTO bus_deliveries (event_seq, rule, target, due_at) VALUES (?, ?, ?, ?)")) {
                        s.setLong(1, seq);
                        s.setString(2, ruleAndTarget[0]);
                        s.setString(3, ruleAndTarget[1]);
                        s.setLong(4, clock.millis());
                        s.executeUpdate();
                    }
                }
            }
            outbox.markPublished(c, entry.seq());
            return null;
        });
        if (!matched.isEmpty()) {
            synchronized (signal) {
                signal.notifyAll();
            }
        }
    }

    private synchronized List<String[]> match(BusEvent event) {
        List<String[]> matched = new ArrayList<>();
        try {
            for (String ruleName : machine.rulesForJSONEvent(event.envelope().toString())) {
                for (Rule.Binding binding : rules.get(ruleName).targets()) {
                    matched.add(new String[] {ruleName, binding.target().name()});
                }
            }
        } catch (Exception unmatchable) {
            LOG.warn("event {} could not be matched against rules", event.id(), unmatchable);
        }
        return matched;
    }

    private static boolean archive(Connection c, BusEvent event) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT OR IGNORE INTO bus_archive (event_id, source, detail_type, time, envelope) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, event.id());
            s.setString(2, event.source());
            s.setString(3, event.detailType());
            s.setString(4, event.time().toString());
            s.setString(5, event.envelope().toString());
            return s.executeUpdate() == 1;
        }
    }

    private static long archivedSeq(Connection c, String eventId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT seq FROM bus_archive WHERE event_id = ?")) {
            s.setString(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The archive, oldest first, optionally only one detail-type: what {@code GET /_local/events} shows. */
    public ArrayNode archive(Optional<String> detailType) {
        return db.transaction(c -> {
            String sql = "SELECT envelope FROM bus_archive" + (detailType.isPresent() ? " WHERE detail_type = ?" : "") + " ORDER BY seq";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                if (detailType.isPresent()) {
                    s.setString(1, detailType.get());
                }
                return envelopes(s);
            }
        });
    }

    private static ArrayNode envelopes(PreparedStatement query) throws SQLException {
        ArrayNode events = Json.internal().createArrayNode();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                events.add(Json.internal().readTree(rs.getString(1)));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException corrupt) {
            throw new IllegalStateException("archived event is not JSON", corrupt);
        }
        return events;
    }

    /**
     * Attempts every due delivery once. Returns how many were attempted. Called by the delivery
     * loop; tests call it directly.
     */
    public int deliverDue() {
        record Due(long id, String rule, String target, int attempts, String envelope, Instant time) {
        }
        List<Due> due = db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT d.id, d.rule, d.target, d.attempts, a.envelope, a.time FROM bus_deliveries d
                    JOIN bus_archive a ON a.seq = d.event_seq WHERE d.due_at <= ? ORDER BY d.id LIMIT 100""")) {
                s.setLong(1, clock.millis());
                List<Due> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                                Instant.parse(rs.getString(6))));
                    }
                }
                return rows;
            }
        });
        for (Due d : due) {
            Optional<Rule.Binding> binding = binding(d.rule(), d.target());
            BusEvent event = fromEnvelope(d.envelope());
            if (binding.isEmpty()) {
                LOG.warn("dropping delivery of {} to {}: the rule or target no longer exists", event.id(), d.target());
                finish(d.id());
                continue;
            }
            try {
                binding.get().target().deliver(event);
                finish(d.id());
                listener.invoked(d.rule());
            } catch (Exception failed) {
                retryOrGiveUp(d.id(), d.attempts() + 1, d.rule(), binding.get(), event, failed);
            }
        }
        return due.size();
    }

    private void retryOrGiveUp(long id, int attempts, String rule, Rule.Binding binding, BusEvent event, Exception failure) {
        Rule.RetryPolicy policy = binding.retryPolicy();
        boolean tooOld = Duration.between(event.time(), clock.instant()).compareTo(policy.maximumEventAge()) > 0;
        if (attempts > policy.maximumRetryAttempts() || tooOld) {
            listener.invoked(rule);
            listener.failed(rule);
            LOG.warn("delivery of {} to {} failed {} times; giving up", event.id(), binding.target().name(), attempts, failure);
            binding.deadLetter().ifPresent(dlq -> {
                try {
                    dlq.deliver(event);
                } catch (Exception lost) {
                    LOG.error("dead-letter delivery of {} failed too", event.id(), lost);
                }
            });
            finish(id);
            return;
        }
        listener.retried(rule);
        long backoff = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(attempts - 1, 16));
        long jittered = backoff / 2 + (long) (Math.random() * backoff / 2);
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE bus_deliveries SET attempts = ?, due_at = ? WHERE id = ?")) {
                s.setInt(1, attempts);
                s.setLong(2, clock.millis() + jittered);
                s.setLong(3, id);
                return s.executeUpdate();
            }
        });
    }

    private void finish(long id) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM bus_deliveries WHERE id = ?")) {
                s.setLong(1, id);
                return s.executeUpdate();
            }
        });
    }

    private synchronized Optional<Rule.Binding> binding(String rule, String target) {
        return Optional.ofNullable(rules.get(rule)).flatMap(r -> r.targets().stream()
                .filter(b -> b.target().name().equals(target)).findFirst());
    }

    private static BusEvent fromEnvelope(String envelope) {
        try {
            ObjectNode json = (ObjectNode) Json.internal().readTree(envelope);
            return new BusEvent(json.get("id").asText(), json.get("source").asText(), json.get("detail-type").asText(),
                    Instant.parse(json.get("time").asText()), json.get("detail"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException corrupt) {
            throw new IllegalStateException("archived event is not JSON", corrupt);
        }
    }

    /** The newest {@code limit} events of the archive, newest first (the dashboard's "recent bus events"). */
    public ArrayNode recent(int limit) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT envelope FROM bus_archive ORDER BY seq DESC LIMIT ?")) {
                s.setInt(1, limit);
                return envelopes(s);
            }
        });
    }

    public long pendingDeliveries() {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM bus_deliveries"); ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Waits until a publish signals deliveries or {@code millis} pass. */
    public void awaitDeliveries(long millis) throws InterruptedException {
        synchronized (signal) {
            signal.wait(millis);
        }
    }
}
