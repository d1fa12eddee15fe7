package dev.orders.local.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.orders.domain.testing.Fixtures.MutableClock;
import dev.orders.local.lambda.FunctionSettings;
import dev.orders.local.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqsEventSourceMappingTest {

    private static final SqsEventSourceMapping.Timing FAST =
            new SqsEventSourceMapping.Timing(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40));

    @TempDir
    Path dir;

    private Database db;
    private final List<SqsEventSourceMapping> started = new ArrayList<>();
    /** Every batch the function received, as lists of (message id, body, receive count). */
    private final List<List<String>> batches = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        started.forEach(SqsEventSourceMapping::close);
        db.close();
    }

    private LocalQueues queues(Clock clock, Duration visibility, int maxReceiveCount) {
        db = new Database(dir.resolve("orders.db"));
        return new LocalQueues(db, clock)
                .declare(QueueSettings.of("dlq", visibility))
                .declare(new QueueSettings("work", visibility, Optional.of("dlq"), maxReceiveCount));
    }

    private static FunctionSettings function(Duration timeout, Optional<Integer> reserved) {
        return new FunctionSettings("Worker", "test::handleRequest", timeout, 128, reserved);
    }

    private SqsEventSourceMapping mapping(
            LocalQueues queues,
            Clock clock,
            MappingSettings settings,
            FunctionSettings function,
            RequestHandler<SQSEvent, SQSBatchResponse> handler) {
        RequestHandler<SQSEvent, SQSBatchResponse> recording = (event, context) -> {
            batches.add(event.getRecords().stream()
                    .map(r -> r.getBody() + "#" + r.getAttributes().get("ApproximateReceiveCount"))
                    .toList());
            return handler.handleRequest(event, context);
        };
        return new SqsEventSourceMapping(queues, settings, function, recording, clock, FAST);
    }

    private static MappingSettings batchesOf(int size) {
        return new MappingSettings("work", size, Duration.ZERO, Optional.empty(), true);
    }

    private static SQSBatchResponse failing(SQSEvent event, String body) {
        return new SQSBatchResponse(event.getRecords().stream()
                .filter(r -> r.getBody().equals(body))
                .map(r -> new SQSBatchResponse.BatchItemFailure(r.getMessageId()))
                .toList());
    }

    @Test
    void a_message_reported_failed_is_retried_alone_and_the_others_are_deleted() throws Exception {
        MutableClock clock = MutableClock.atNoon();
        LocalQueues queues = queues(clock, Duration.ofSeconds(30), 5);
        SqsEventSourceMapping mapping = mapping(
                queues,
                clock,
                batchesOf(10),
                function(Duration.ofSeconds(5), Optional.empty()),
                (event, context) -> failing(event, "b"));
        for (String body : List.of("a", "b", "c")) {
            queues.send("work", body, Map.of());
        }
        assertThat(mapping.pollOnce()).isTrue();
        assertThat(queues.counts("work")).isEqualTo(new LocalQueues.Counts(0, 1));
        assertThat(mapping.pollOnce()).isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(mapping.pollOnce()).isTrue();
        // a standard queue promises no order within a batch
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0)).containsExactlyInAnyOrder("a#1", "b#1", "c#1");
        assertThat(batches.get(1)).containsExactly("b#2");
        assertThat(mapping.stats().itemFailures()).isEqualTo(2);
        assertThat(mapping.stats().deleted()).isEqualTo(2);
    }

    @Test
    void an_unknown_item_identifier_fails_the_whole_batch() throws Exception {
        MutableClock clock = MutableClock.atNoon();
        LocalQueues queues = queues(clock, Duration.ofSeconds(30), 5);
        SqsEventSourceMapping mapping = mapping(
                queues,
                clock,
                batchesOf(10),
                function(Duration.ofSeconds(5), Optional.empty()),
                (event, context) ->
                        new SQSBatchResponse(List.of(new SQSBatchResponse.BatchItemFailure("not-in-the-batch"))));
        queues.send("work", "a", Map.of());
        queues.send("work", "b", Map.of());
        mapping.pollOnce();
        assertThat(queues.counts("work")).isEqualTo(new LocalQueues.Counts(0, 2));
        assertThat(mapping.stats().deleted()).isZero();
    }

    @Test
    void a_thrown_exception_leaves_the_whole_batch_to_reappear_after_the_visibility_timeout() throws Exception {
        MutableClock clock = MutableClock.atNoon();
        LocalQueues queues = queues(clock, Duration.ofSeconds(30), 5);
        AtomicInteger calls = new AtomicInteger();
        SqsEventSourceMapping mapping = mapping(
                queues, clock, batchesOf(10), function(Duration.ofSeconds(5), Optional.empty()), (event, context) -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new IllegalStateException("boom");
                    }
                    return null; // a null response is complete success
                });
        queues.send("work", "a", Map.of());
        queues.send("work", "b", Map.of());
        mapping.pollOnce();
        clock.advance(Duration.ofSeconds(30));
        mapping.pollOnce();
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0)).containsExactlyInAnyOrder("a#1", "b#1");
        assertThat(batches.get(1)).containsExactlyInAnyOrder("a#2", "b#2");
        assertThat(queues.counts("work")).isEqualTo(new LocalQueues.Counts(0, 0));
        assertThat(mapping.stats().functionErrors()).isEqualTo(1);
    }

    @Test
    void a_message_that_keeps_failing_is_redriven_to_the_dlq_after_max_receive_count() throws Exception {
        MutableClock clock = MutableClock.atNoon();
        LocalQueues queues = queues(clock, Duration.ofSeconds(30), 3);
        SqsEventSourceMapping mapping = mapping(
                queues,
                clock,
                batchesOf(10),
                function(Duration.ofSeconds(5), Optional.empty()),
                (event, context) -> failing(event, "poison"));
        String id = queues.send("work", "poison", Map.of());
        for (int i = 0; i < 3; i++) {
            assertThat(mapping.pollOnce()).isTrue();
            clock.advance(Duration.ofSeconds(30));
        }
        assertThat(mapping.pollOnce()).isFalse();
        assertThat(batches).containsExactly(List.of("poison#1"), List.of("poison#2"), List.of("poison#3"));
        assertThat(queues.queueOf(id)).contains("dlq");
    }

    @Test
    void a_mapping_whose_function_outlives_the_visibility_timeout_is_refused() {
        MutableClock clock = MutableClock.atNoon();
        LocalQueues queues = queues(clock, Duration.ofSeconds(30), 5);
        assertThatThrownBy(() -> mapping(
                        queues,
                        clock,
                        batchesOf(10),
                        function(Duration.ofSeconds(31), Optional.empty()),
                        (event, context) -> null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("visibility timeout");
    }

    @Test
    void the_batching_window_gathers_messages_sent_while_it_is_open() throws Exception {
        LocalQueues queues = queues(Clock.systemUTC(), Duration.ofSeconds(30), 5);
        SqsEventSourceMapping mapping = mapping(
                queues,
                Clock.systemUTC(),
                new MappingSettings("work", 3, Duration.ofSeconds(1), Optional.empty(), true),
                function(Duration.ofSeconds(5), Optional.empty()),
                (event, context) -> null);
        queues.send("work", "a", Map.of());
        Thread late = Thread.ofVirtual().start(() -> {
            sleep(100);
            queues.send("work", "b", Map.of());
            queues.send("work", "c", Map.of());
            queues.send("work", "d", Map.of());
        });
        mapping.pollOnce();
        late.join();
        assertThat(batches.getFirst()).containsExactly("a#1", "b#1", "c#1");
    }

    @Test
    void the_mapping_never_runs_more_batches_at_once_than_its_maximum_concurrency() throws Exception {
        LocalQueues queues = queues(Clock.systemUTC(), Duration.ofSeconds(30), 5);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        SqsEventSourceMapping mapping = mapping(
                queues,
                Clock.systemUTC(),
                new MappingSettings("work", 1, Duration.ZERO, Optional.of(2), true),
                function(Duration.ofSeconds(5), Optional.empty()),
                (event, context) -> {
                    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    sleep(15);
                    inFlight.decrementAndGet();
                    return null;
                });
        for (int i = 0; i < 20; i++) {
            queues.send("work", "m" + i, Map.of());
        }
        started.add(mapping.start());
        awaitDeleted(mapping, 20);
        assertThat(maxInFlight.get()).isBetween(1, 2);
        assertThat(mapping.stats().throttles()).isZero();
    }

    @Test
    void throttled_invokes_are_retried_and_counted_apart_from_function_errors() throws Exception {
        LocalQueues queues = queues(Clock.systemUTC(), Duration.ofSeconds(30), 5);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        SqsEventSourceMapping mapping = mapping(
                queues,
                Clock.systemUTC(),
                new MappingSettings("work", 1, Duration.ZERO, Optional.of(3), true),
                function(Duration.ofSeconds(5), Optional.of(1)),
                (event, context) -> {
                    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    sleep(15);
                    inFlight.decrementAndGet();
                    return null;
                });
        for (int i = 0; i < 12; i++) {
            queues.send("work", "m" + i, Map.of());
        }
        started.add(mapping.start());
        awaitDeleted(mapping, 12);
        assertThat(maxInFlight.get()).isEqualTo(1);
        assertThat(mapping.stats().throttles()).isPositive();
        assertThat(mapping.stats().functionErrors()).isZero();
        assertThat(queues.counts("dlq")).isEqualTo(new LocalQueues.Counts(0, 0));
    }

    @Test
    void a_batch_throttled_until_its_visibility_timeout_ends_reappears_with_a_higher_receive_count() throws Exception {
        LocalQueues queues = queues(Clock.systemUTC(), Duration.ofMillis(200), 5);
        SqsEventSourceMapping disabled = mapping(
                queues,
                Clock.systemUTC(),
                batchesOf(10),
                function(Duration.ofMillis(100), Optional.of(0)),
                (event, context) -> null);
        queues.send("work", "a", Map.of());
        disabled.pollOnce();
        assertThat(disabled.stats().throttles()).isGreaterThanOrEqualTo(2);
        assertThat(disabled.stats().functionErrors()).isZero();
        sleep(250);
        assertThat(queues.receive("work", 10))
                .extracting(QueueMessage::receiveCount)
                .containsExactly(2);
    }

    @Test
    void a_message_slower_than_its_visibility_timeout_is_never_processed_twice_at_once() throws Exception {
        LocalQueues queues = queues(Clock.systemUTC(), Duration.ofMillis(150), 10);
        Map<String, AtomicInteger> concurrentPerMessage = new ConcurrentHashMap<>();
        AtomicInteger worstOverlap = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        SqsEventSourceMapping mapping = mapping(
                queues,
                Clock.systemUTC(),
                batchesOf(1),
                function(Duration.ofMillis(100), Optional.empty()),
                (event, context) -> {
                    String id = event.getRecords().getFirst().getMessageId();
                    AtomicInteger running = concurrentPerMessage.computeIfAbsent(id, k -> new AtomicInteger());
                    worstOverlap.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        // The first run outlives its timeout (100 ms) and the visibility timeout (150 ms) fourfold.
                        sleep(calls.incrementAndGet() == 1 ? 600 : 5);
                    } finally {
                        running.decrementAndGet();
                    }
                    return null;
                });
        queues.send("work", "slow", Map.of());
        started.add(mapping.start());
        awaitDeleted(mapping, 1);
        assertThat(worstOverlap.get()).isEqualTo(1);
        assertThat(mapping.stats().functionErrors()).isGreaterThanOrEqualTo(1);
        assertThat(calls.get()).isGreaterThanOrEqualTo(2);
    }

    private static void awaitDeleted(SqsEventSourceMapping mapping, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> mapping.stats().deleted() >= count);
        assertThat(mapping.stats().deleted()).isEqualTo(count);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
