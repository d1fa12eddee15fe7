package dev.orders.local.store;

import dev.orders.bridge.wire.StoreWire;
import dev.orders.domain.advancing.DedupeId;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderEvent;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.placing.IdempotencyRecord;
import dev.orders.domain.placing.IdempotencyScope;
import dev.orders.domain.port.OrderStore;
import dev.orders.functions.shared.OrderJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The order store on SQLite. Each write puts the order change and its event into the outbox table in
 * one transaction; the {@link Outbox} relays events to the bus from there (the local equivalent of a
 * DynamoDB stream feeding EventBridge).
 */
public final class SqliteOrderStore implements OrderStore, StoreWire.Documents {

    private final Database db;
    private final Outbox outbox;
    private final Faults faults;

    public SqliteOrderStore(Database db, Outbox outbox, Faults faults) {
        this.db = db;
        this.outbox = outbox;
        this.faults = faults;
        db.schema("""
                CREATE TABLE IF NOT EXISTS orders (
                  order_id TEXT PRIMARY KEY, customer_id TEXT NOT NULL, status TEXT NOT NULL,
                  version INTEGER NOT NULL, document TEXT NOT NULL)""", """
                CREATE TABLE IF NOT EXISTS idempotency (
                  caller TEXT NOT NULL, idem_key TEXT NOT NULL, fingerprint TEXT NOT NULL, order_id TEXT NOT NULL,
                  created_at TEXT NOT NULL, expires_at_ns INTEGER NOT NULL, PRIMARY KEY (caller, idem_key))""", """
                CREATE TABLE IF NOT EXISTS processed (
                  dedupe_id TEXT PRIMARY KEY, processed_at TEXT NOT NULL)""");
    }

    @Override
    public Optional<Order> findOrder(OrderId id) {
        return findOrderDocument(id).map(OrderJson::fromDocument);
    }

    /** The order as stored: what a version's port reads (it parses it itself), without a parse and a render here. */
    @Override
    public Optional<String> findOrderDocument(OrderId id) {
        return Optional.ofNullable(findOrderDocuments(List.of(id)).get(id));
    }

    @Override
    public Map<OrderId, Order> findOrders(Collection<OrderId> ids) {
        Map<OrderId, Order> found = new LinkedHashMap<>();
        findOrderDocuments(List.copyOf(ids)).forEach((id, document) -> found.put(id, OrderJson.fromDocument(document)));
        return found;
    }

    /** The orders as stored, read in one read transaction (one consistent snapshot). */
    @Override
    public Map<OrderId, String> findOrderDocuments(List<OrderId> ids) {
        return db.read(c -> {
            Map<OrderId, String> found = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT document FROM orders WHERE order_id = ?")) {
                for (OrderId id : ids) {
                    if (found.containsKey(id)) {
                        continue;
                    }
                    s.setString(1, id.value());
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next()) {
                            found.put(id, rs.getString(1));
                        }
                    }
                }
            }
            return found;
        });
    }

    @Override
    public Optional<IdempotencyRecord> findIdempotency(IdempotencyScope scope, Instant now) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT fingerprint, order_id, created_at, expires_at_ns FROM idempotency
                    WHERE caller = ? AND idem_key = ? AND expires_at_ns > ?""")) {
                s.setString(1, scope.caller().value());
                s.setString(2, scope.key().value());
                s.setLong(3, nanos(now));
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<IdempotencyRecord>empty();
                    }
                    return Optional.of(new IdempotencyRecord(
                            scope,
                            rs.getString(1),
                            new OrderId(rs.getString(2)),
                            Instant.parse(rs.getString(3)),
                            fromNanos(rs.getLong(4))));
                }
            }
        });
    }

    @Override
    public PlaceResult place(IdempotencyRecord record, Order.Change accepted) {
        return place(record, accepted, OrderJson.toDocument(accepted.order()));
    }

    /** As {@link #place(IdempotencyRecord, Order.Change)}, storing {@code document}: the order as the caller rendered it. */
    @Override
    public PlaceResult place(IdempotencyRecord record, Order.Change accepted, String document) {
        PlaceResult result = db.transaction(c -> {
            try (PreparedStatement live = c.prepareStatement(
                    "SELECT 1 FROM idempotency WHERE caller = ? AND idem_key = ? AND expires_at_ns > ?")) {
                live.setString(1, record.scope().caller().value());
                live.setString(2, record.scope().key().value());
                live.setLong(3, nanos(record.createdAt()));
                try (ResultSet rs = live.executeQuery()) {
                    if (rs.next()) {
                        return PlaceResult.KEY_TAKEN;
                    }
                }
            }
            if (exists(c, accepted.order().id())) {
                return PlaceResult.ORDER_ID_TAKEN;
            }
            try (PreparedStatement put =
                    c.prepareStatement("INSERT OR REPLACE INTO idempotency VALUES (?, ?, ?, ?, ?, ?)")) {
                put.setString(1, record.scope().caller().value());
                put.setString(2, record.scope().key().value());
                put.setString(3, record.fingerprint());
                put.setString(4, record.orderId().value());
                put.setString(5, record.createdAt().toString());
                put.setLong(6, nanos(record.expiresAt()));
                put.executeUpdate();
            }
            insertOrder(c, accepted.order(), document);
            outbox.append(c, accepted.event());
            return PlaceResult.PLACED;
        });
        afterWrite(result == PlaceResult.PLACED, accepted.event());
        return result;
    }

    @Override
    public UpdateResult update(Order.Change change, Optional<DedupeId> dedupeId) {
        return update(change, OrderJson.toDocument(change.order()), dedupeId);
    }

    /** As {@link #update(Order.Change, Optional)}, storing {@code document}: the order as the caller rendered it. */
    @Override
    public UpdateResult update(Order.Change change, String document, Optional<DedupeId> dedupeId) {
        Order order = change.order();
        OrderEvent event = change.event();
        String eventDocument = OrderJson.eventDocument(event);
        UpdateResult result = db.transaction(c -> update(
                c,
                dedupeId,
                order.id(),
                order.status().name(),
                order.version(),
                document,
                event.eventId(),
                eventDocument));
        afterWrite(result == UpdateResult.UPDATED, event);
        return result;
    }

    /**
     * One update inside the caller's transaction: both conditions are checked before anything is written, so a
     * refused write leaves nothing to undo; then the order's next version, the dedupe mark and the outbox entry.
     */
    private UpdateResult update(
            Connection c,
            Optional<DedupeId> dedupeId,
            OrderId id,
            String status,
            long version,
            String document,
            String eventId,
            String eventDocument)
            throws SQLException {
        if (dedupeId.isPresent() && processed(c, dedupeId.get())) {
            return UpdateResult.DUPLICATE;
        }
        if (!replace(c, id, status, version, document)) {
            return UpdateResult.VERSION_CONFLICT;
        }
        if (dedupeId.isPresent()) {
            markNew(c, dedupeId.get());
        }
        outbox.append(c, eventId, eventDocument);
        return UpdateResult.UPDATED;
    }

    @Override
    public List<UpdateResult> apply(List<Write> writes) {
        List<StoreWire.DocumentWrite> rendered = new ArrayList<>(writes.size());
        for (Write write : writes) {
            rendered.add(
                    switch (write) {
                        case Write.Mark mark -> new StoreWire.DocumentWrite.Mark(mark.dedupeId());
                        case Write.Update update -> {
                            Order order = update.change().order();
                            yield new StoreWire.DocumentWrite.Update(
                                    order.id(),
                                    order.version(),
                                    order.status(),
                                    OrderJson.toDocument(order),
                                    update.change().event().eventId(),
                                    update.change().event().detailType(),
                                    OrderJson.eventDocument(update.change().event()),
                                    update.dedupeId());
                        }
                    });
        }
        return applyDocuments(rendered);
    }

    /**
     * The writes in one transaction, each checked as {@link #update}/{@link #markProcessed} check it (conditions
     * before anything of it is written, so a refused write leaves nothing to undo), up to the first refused update:
     * one commit for all of them, so a crash keeps all or none. Documents are stored as the caller rendered them.
     */
    @Override
    public List<UpdateResult> applyDocuments(List<StoreWire.DocumentWrite> writes) {
        List<UpdateResult> results = db.transaction(c -> {
            List<UpdateResult> answered = new ArrayList<>(writes.size());
            for (StoreWire.DocumentWrite write : writes) {
                switch (write) {
                    case StoreWire.DocumentWrite.Mark mark ->
                        answered.add(markNew(c, mark.dedupeId()) ? UpdateResult.UPDATED : UpdateResult.DUPLICATE);
                    case StoreWire.DocumentWrite.Update update -> {
                        UpdateResult result = update(
                                c,
                                Optional.of(update.dedupeId()),
                                update.orderId(),
                                update.status().name(),
                                update.version(),
                                update.document(),
                                update.eventId(),
                                update.eventDocument());
                        answered.add(result);
                        if (result != UpdateResult.UPDATED) {
                            return answered;
                        }
                    }
                }
            }
            return answered;
        });
        boolean wrote = false;
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) == UpdateResult.UPDATED
                    && writes.get(i) instanceof StoreWire.DocumentWrite.Update update) {
                faults.afterCommit(update.detailType());
                wrote = true;
            }
        }
        if (wrote) {
            outbox.wake();
        }
        return results;
    }

    @Override
    public UpdateResult amend(Order amended, DedupeId dedupeId) {
        return db.transaction(c -> {
            // As update: both conditions checked before anything is written, so a refusal leaves nothing to undo.
            if (processed(c, dedupeId)) {
                return UpdateResult.DUPLICATE;
            }
            if (!replace(c, amended.id(), amended.status().name(), amended.version(), OrderJson.toDocument(amended))) {
                return UpdateResult.VERSION_CONFLICT;
            }
            markNew(c, dedupeId);
            return UpdateResult.UPDATED;
        });
    }

    /** Writes the order's next version if the stored one is the version before it. */
    private static boolean replace(Connection c, OrderId id, String status, long version, String document)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE orders SET status = ?, version = ?, document = ? WHERE order_id = ? AND version = ?")) {
            s.setString(1, status);
            s.setLong(2, version);
            s.setString(3, document);
            s.setString(4, id.value());
            s.setLong(5, version - 1);
            return s.executeUpdate() == 1;
        }
    }

    @Override
    public UpdateResult markProcessed(DedupeId dedupeId) {
        return db.transaction(c -> markNew(c, dedupeId) ? UpdateResult.UPDATED : UpdateResult.DUPLICATE);
    }

    private void afterWrite(boolean wrote, OrderEvent event) {
        if (wrote) {
            faults.afterCommit(event.detailType());
            outbox.wake();
        }
    }

    /** Exact to the nanosecond, as DynamoDB's adapter keeps it, and comparable in SQL (good until 2262). */
    private static long nanos(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    }

    private static Instant fromNanos(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    private static boolean markNew(Connection c, DedupeId dedupeId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT OR IGNORE INTO processed VALUES (?, ?)")) {
            s.setString(1, dedupeId.value());
            s.setString(2, Instant.now().toString());
            return s.executeUpdate() == 1;
        }
    }

    private static boolean processed(Connection c, DedupeId dedupeId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM processed WHERE dedupe_id = ?")) {
            s.setString(1, dedupeId.value());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean exists(Connection c, OrderId id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM orders WHERE order_id = ?")) {
            s.setString(1, id.value());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void insertOrder(Connection c, Order order, String document) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, order.id().value());
            s.setString(2, order.customerId().value());
            s.setString(3, order.status().name());
            s.setLong(4, order.version());
            s.setString(5, document);
            s.executeUpdate();
        }
    }

    /** How many orders exist: for health and tests. */
    public long orderCount() {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM orders");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
