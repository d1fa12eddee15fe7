package dev.orders.bench.stream;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.bench.JavaChild;
import dev.orders.domain.fulfillment.FulfillmentDraft;
import dev.orders.domain.fulfillment.FulfillmentPolicy;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.OrderStatus;
import dev.orders.domain.testing.FulfillmentFixtures;
import dev.orders.functions.shared.Json;
import dev.orders.local.bus.LocalBus;
import dev.orders.local.lambda.LambdaService;
import dev.orders.local.lambda.LambdaSettings;
import dev.orders.local.paths.FulfillmentPath;
import dev.orders.local.paths.Wiring;
import dev.orders.local.queue.LocalQueues;
import dev.orders.local.queue.SqsEventSourceMapping;
import dev.orders.local.store.Database;
import dev.orders.local.store.Faults;
import dev.orders.local.store.Outbox;
import dev.orders.local.store.SqliteOrderStore;
import dev.orders.local.stream.LocalStream;
import dev.orders.local.stream.ShardStatus;
import dev.orders.local.stream.StreamRecord;
import dev.orders.local.template.SamTemplate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Child JVM of the stream figure. Places paid orders, puts PICKED, SHIPPED and DELIVERED records for each on
 * the fulfillment stream (ten shards: ten shards' write limit is the budget), then starts the event source
 * mapping and times it until every shard is checkpointed at its last record. Beside it: a loop that only
 * decodes and checks the same records, as the handler does before it touches the store.
 * {@code StreamMain WORK_DIR RECORDS RESULT_FILE}
 */
public final class StreamMain {

    static final int SHARDS = 10;
    static final List<String> TYPES = List.of("PICKED", "SHIPPED", "DELIVERED");

    private StreamMain() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int orders = (Integer.parseInt(args[1]) + TYPES.size() - 1) / TYPES.size();
        Map<String, Object> result = new LinkedHashMap<>();
        Clock clock = Clock.systemUTC();
        try (Database db = new Database(work.resolve("stream-data/orders.db"))) {
            SqliteOrderStore store = new SqliteOrderStore(db, new Outbox(db), Faults.none());
            List<LocalStream.Entry> entries = new ArrayList<>();
            for (int o = 0; o < orders; o++) {
                String orderId = "stream-" + o;
                FulfillmentFixtures.placePaidOrder(store, orderId);
                for (String type : TYPES) {
                    byte[] data = FulfillmentFixtures.recordJson(orderId + "-" + type, orderId, type)
                            .getBytes(StandardCharsets.UTF_8);
                    entries.add(new LocalStream.Entry(data, orderId, Optional.empty()));
                }
            }
            result.put("records", entries.size());
            result.put("decode.recordsPerSecond", decodeOnly(entries));

            SamTemplate template = template();
            LocalQueues queues = new LocalQueues(db, clock).declareAll(template);
            LambdaService lambda = LambdaService.open(work.resolve("stream-data"), db, LambdaSettings.DEFAULT);
            FulfillmentPath path = new FulfillmentPath(new Wiring(
                    template,
                    work.resolve("stream-data"),
                    clock,
                    db,
                    store,
                    queues,
                    new LocalBus(db, clock),
                    SqsEventSourceMapping.Timing.DEFAULT,
                    lambda));
            lambda.deploy();
            putAll(path.stream(), entries);
            // Every record is put before the mapping starts, so each shard's last record is known now: read once, not
            // on every poll (a shard summary counts the shard's records in SQL; polled every 5 ms it took about a fifth
            // of the CPU of the period it measured).
            List<String> latest = path.stream().shardSummaries().stream()
                    .map(LocalStream.ShardSummary::latestSequenceNumber)
                    .toList();
            long start = System.nanoTime();
            path.start();
            awaitCheckpoints(path, latest);
            double seconds = (System.nanoTime() - start) / 1e9;
            path.close();
            lambda.close();
            result.put("platform.recordsPerSecond", entries.size() / seconds);
            result.put("platform.seconds", seconds);
            long delivered = 0;
            for (int o = 0; o < orders; o++) {
                if (store.findOrder(new OrderId("stream-" + o)).orElseThrow().status() == OrderStatus.DELIVERED) {
                    delivered++;
                }
            }
            result.put("orders", orders);
            result.put("delivered", delivered);
            result.put("quarantined", queues.counts(FulfillmentPath.QUARANTINE).depth());
            result.put("failedBatches", queues.counts(path.failures()).depth());
        }
        JavaChild.writeResult(Path.of(args[2]), result);
        System.exit(0);
    }

    /** The bundled template with ten shards, and no batching window: full batches are what is measured, not waits. */
    static SamTemplate template() {
        SamTemplate template = SamTemplate.parse(SamTemplate.bundledText());
        SamTemplate.mapOf(SamTemplate.mapOf(template.tree().get("Parameters")).get("FulfillmentShardCount"))
                .put("Default", SHARDS);
        Map<String, Object> function = SamTemplate.mapOf(
                template.resources().get("FulfillmentEventsFunction").get("Properties"));
        Map<String, Object> mapping = SamTemplate.mapOf(
                SamTemplate.mapOf(SamTemplate.mapOf(function.get("Events")).get("FulfillmentStream"))
                        .get("Properties"));
        mapping.put("MaximumBatchingWindowInSeconds", 0);
        return template;
    }

    /** Puts every entry; entries over a shard's per-second quota are put again the next second, as a producer would. */
    static void putAll(LocalStream stream, List<LocalStream.Entry> entries) throws InterruptedException {
        List<LocalStream.Entry> pending = entries;
        while (!pending.isEmpty()) {
            List<LocalStream.Entry> throttled = new ArrayList<>();
            for (int from = 0; from < pending.size(); from += 500) {
                List<LocalStream.Entry> chunk = pending.subList(from, Math.min(from + 500, pending.size()));
                List<LocalStream.PutResult> results = stream.put(chunk);
                for (int i = 0; i < results.size(); i++) {
                    if (results.get(i) instanceof LocalStream.PutResult.Throttled) {
                        throttled.add(chunk.get(i));
                    }
                }
            }
            if (!throttled.isEmpty()) {
                Thread.sleep(1000 - System.currentTimeMillis() % 1000 + 5);
            }
            pending = throttled;
        }
    }

    /**
     * The baseline: what the handler does to each record before the store, in a tight loop (strict JSON, the
     * draft, the policy). Three passes; the median rate.
     */
    static double decodeOnly(List<LocalStream.Entry> entries) throws Exception {
        double[] rates = new double[3];
        for (int pass = 0; pass < rates.length; pass++) {
            long start = System.nanoTime();
            int valid = 0;
            for (LocalStream.Entry entry : entries) {
                JsonNode json = Json.strict().readTree(new String(entry.data(), StandardCharsets.UTF_8));
                FulfillmentDraft draft = new FulfillmentDraft(
                        text(json, "eventId"),
                        text(json, "orderId"),
                        text(json, "type"),
                        text(json, "occurredAt"),
                        text(json, "warehouseId"),
                        text(json, "amount"));
                if (FulfillmentPolicy.check(draft) instanceof FulfillmentPolicy.Checked.Valid) {
                    valid++;
                }
            }
            if (valid != entries.size()) {
                throw new IllegalStateException(
                        "the decode loop found " + (entries.size() - valid) + " invalid records");
            }
            rates[pass] = entries.size() / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(rates);
        return rates[1];
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    /**
     * Waits until each shard's checkpoint is its latest record ({@code latestByShard}, by shard, null for an empty shard);
     * bounded, so a stuck mapping fails the figure. The mapping's status is in memory: polling it costs nothing.
     */
    static void awaitCheckpoints(FulfillmentPath path, List<String> latestByShard) throws InterruptedException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<ShardStatus> positions = path.mapping().status().shards();
            boolean done = true;
            for (int i = 0; i < latestByShard.size(); i++) {
                String latest = latestByShard.get(i);
                if (latest == null) {
                    continue;
                }
                String checkpoint = positions.get(i).checkpoint();
                if (checkpoint == null || StreamRecord.idOf(checkpoint) < StreamRecord.idOf(latest)) {
                    done = false;
                    break;
                }
            }
            if (done) {
                return;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("the mapping did not reach the end of the stream in 10 minutes");
    }
}
