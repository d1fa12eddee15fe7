package dev.orders.local.stream;

import static dev.orders.local.stream.StreamTestKit.drain;
import static dev.orders.local.stream.StreamTestKit.entry;
import static dev.orders.local.stream.StreamTestKit.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.domain.testing.Fixtures.MutableClock;
import dev.orders.local.queue.LocalQueues;
import dev.orders.local.store.Database;
import dev.orders.local.stream.KinesisMappingSettings.StartingPosition;
import dev.orders.local.stream.ShardConsumer.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Lambda's Kinesis event source mapping semantics, one shard, a scripted function. */
class ShardConsumerTest {

    private static final String SHARD = "shardId-000000000000";

    @TempDir
    Path dir;

    private Database db;
    private final MutableClock clock = MutableClock.atNoon();
    private LocalStream stream;
    private LocalQueues queues;
    private final List<List<String>> invocations = new CopyOnWriteArrayList<>();
    /** What the function does with a batch's texts; may throw. */
    private volatile Function<List<String>, StreamsEventResponse> behaviour =
            texts -> new StreamsEventResponse(List.of());

    private final List<Long> iteratorAges = new CopyOnWriteArrayList<>();
    /** The function of the consumer built last, to occupy its reserved concurrency from outside. */
    private dev.orders.local.lambda.LocalFunction<KinesisEvent, StreamsEventResponse> function;

    @BeforeEach
    void open() {
        db = new Database(dir.resolve("esm.db"));
        stream = new LocalStream(db, "s", 1, Duration.ofHours(24), clock);
        queues = StreamTestKit.destinations(db, clock, "Failures");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static KinesisMappingSettings settings(
            int batchSize, boolean bisect, int maxRetries, int maxAge, boolean partial) {
        return new KinesisMappingSettings(
                "TestFunction",
                "Stream",
                "S",
                batchSize,
                Duration.ZERO,
                StartingPosition.TRIM_HORIZON,
                bisect,
                maxRetries,
                maxAge,
                partial,
                Optional.of("Failures"));
    }

    private ShardConsumer consumer(KinesisMappingSettings settings) {
        return consumer(settings, Optional.empty());
    }

    private ShardConsumer consumer(KinesisMappingSettings settings, Optional<Integer> reserved) {
        var function = StreamTestKit.function(
                (KinesisEvent event, com.amazonaws.services.lambda.runtime.Context context) -> {
                    invocations.add(texts(event));
                    return behaviour.apply(texts(event));
                },
                reserved);
        this.function = function;
        return new ShardConsumer(
                settings,
                stream,
                SHARD,
                function,
                new Checkpoints(db),
                Optional.of(queues.sender("Failures")),
                clock,
                StreamTestKit.BACKOFF,
                (fn, shard, millis) -> iteratorAges.add(millis));
    }

    private List<String> put(String... texts) {
        return stream.put(Arrays.stream(texts).map(t -> entry(t, "k")).toList()).stream()
                .map(r -> ((LocalStream.PutResult.Stored) r).sequenceNumber())
                .toList();
    }

    private static StreamsEventResponse failing(String... sequenceNumbers) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (String s : sequenceNumbers) {
            failures.add(new StreamsEventResponse.BatchItemFailure(s));
        }
        return new StreamsEventResponse(failures);
    }

    private JsonNode onlyFailureReport() {
        assertThat(StreamTestKit.bodies(queues, "Failures")).hasSize(1);
        return StreamTestKit.bodies(queues, "Failures").getFirst();
    }

    @Test
    void batches_hold_at_most_batch_size_records_and_follow_each_other_in_order() {
        put("a", "b", "c", "d", "e");
        ShardConsumer consumer = consumer(settings(3, false, -1, -1, true));
        assertThat(drain(clock, consumer)).containsExactly(Outcome.SUCCEEDED, Outcome.SUCCEEDED);
        assertThat(invocations).containsExactly(List.of("a", "b", "c"), List.of("d", "e"));
    }

    @Test
    void a_function_error_retries_the_same_batch_and_nothing_after_it_until_it_succeeds() {
        put("a", "b");
        int[] calls = {0};
        behaviour = texts -> {
            if (++calls[0] <= 2) {
                throw new IllegalStateException("dependency down");
            }
            return null;
        };
        ShardConsumer consumer = consumer(settings(10, false, 5, -1, true));
        assertThat(drain(clock, consumer))
                .containsExactly(Outcome.FUNCTION_ERROR, Outcome.FUNCTION_ERROR, Outcome.SUCCEEDED);
        assertThat(invocations).containsExactly(List.of("a", "b"), List.of("a", "b"), List.of("a", "b"));
        assertThat(queues.counts("Failures").depth()).isZero();
    }

    @Test
    void exhausted_retries_send_the_batch_metadata_to_the_on_failure_destination_and_the_shard_moves_on() {
        List<String> sequences = put("a", "bad");
        behaviour = texts -> {
            if (texts.contains("bad")) {
                throw new IllegalStateException("cannot handle");
            }
            return null;
        };
        ShardConsumer consumer = consumer(settings(10, false, 2, -1, true));
        assertThat(drain(clock, consumer))
                .containsExactly(Outcome.FUNCTION_ERROR, Outcome.FUNCTION_ERROR, Outcome.DISCARDED);
        assertThat(invocations).hasSize(3);
        JsonNode report = onlyFailureReport();
        assertThat(report.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(report.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(3);
        assertThat(report.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
        JsonNode info = report.get("KinesisBatchInfo");
        assertThat(info.get("shardId").asText()).isEqualTo(SHARD);
        assertThat(info.get("startSequenceNumber").asText()).isEqualTo(sequences.get(0));
        assertThat(info.get("endSequenceNumber").asText()).isEqualTo(sequences.get(1));
        assertThat(info.get("batchSize").asInt()).isEqualTo(2);
        assertThat(info.get("streamArn").asText()).isEqualTo(stream.arn());
        assertThat(info.get("approximateArrivalOfFirstRecord").asText())
                .isEqualTo(clock.instant().minusSeconds(3).toString());

        put("c");
        assertThat(drain(clock, consumer)).containsExactly(Outcome.SUCCEEDED);
        assertThat(invocations.getLast()).containsExactly("c");
    }

    @Test
    void bisect_halves_a_failing_batch_without_using_the_retry_quota_until_the_bad_record_is_alone() {
        put("a", "b", "bad", "d");
        behaviour = texts -> {
            if (texts.contains("bad")) {
                throw new IllegalStateException("cannot handle");
            }
            return null;
        };
        ShardConsumer consumer = consumer(settings(10, true, 0, -1, true));
        drain(clock, consumer);
        assertThat(invocations)
                .containsExactly(
                        List.of("a", "b", "bad", "d"),
                        List.of("a", "b"),
                        List.of("bad", "d"),
                        List.of("bad"),
                        List.of("d"));
        assertThat(onlyFailureReport().at("/KinesisBatchInfo/batchSize").asInt())
                .isEqualTo(1);
    }

    @Test
    void with_partial_responses_lambda_checkpoints_before_the_lowest_reported_record_and_retries_from_it() {
        List<String> s = put("a", "b", "c", "d");
        int[] calls = {0};
        behaviour = texts -> ++calls[0] == 1 ? failing(s.get(2), s.get(1)) : null;
        ShardConsumer consumer = consumer(settings(10, true, 5, -1, true));
        assertThat(drain(clock, consumer)).containsExactly(Outcome.PARTIAL_FAILURE, Outcome.SUCCEEDED);
        assertThat(invocations).containsExactly(List.of("a", "b", "c", "d"), List.of("b", "c", "d"));
        assertThat(consumer.status().checkpoint()).isEqualTo(s.get(3));
    }

    @ParameterizedTest(name = "itemIdentifier {0}")
    @ValueSource(strings = {"<null>", "", "49600000000000000000000000000000000000000000000000009999", "not-a-number"})
    void a_malformed_partial_response_is_a_complete_failure(String identifier) {
        put("a", "b");
        int[] calls = {0};
        behaviour = texts -> ++calls[0] == 1 ? failing(identifier.equals("<null>") ? null : identifier) : null;
        ShardConsumer consumer = consumer(settings(10, false, 5, -1, true));
        assertThat(drain(clock, consumer)).containsExactly(Outcome.FUNCTION_ERROR, Outcome.SUCCEEDED);
        assertThat(invocations).containsExactly(List.of("a", "b"), List.of("a", "b"));
    }

    @Test
    void partial_responses_are_ignored_unless_the_mapping_reports_batch_item_failures() {
        List<String> s = put("a", "b");
        behaviour = texts -> failing(s.get(0));
        ShardConsumer consumer = consumer(settings(10, false, 5, -1, false));
        assertThat(drain(clock, consumer)).containsExactly(Outcome.SUCCEEDED);
        assertThat(consumer.status().checkpoint()).isEqualTo(s.get(1));
    }

    @Test
    void throttles_are_retried_and_do_not_count_as_retry_attempts() throws Exception {
        put("a");
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        behaviour = texts -> {
            if (texts.contains("blocker")) {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return null;
        };
        var settings = settings(10, false, 0, -1, true);
        ShardConsumer consumer = consumer(settings, Optional.of(1));
        // The blocker holds the function's single reserved environment, as another shard's batch would.
        Thread blocker = Thread.ofVirtual().start(() -> function.invoke(blockerEvent()));
        inside.await();
        for (int i = 0; i < 5; i++) {
            ShardConsumer.Step step = consumer.poll();
            assertThat(step.outcome()).isEqualTo(Outcome.THROTTLED);
            clock.advance(step.delay());
        }
        assertThat(queues.counts("Failures").depth()).isZero();
        release.countDown();
        blocker.join();
        assertThat(drain(clock, consumer)).containsExactly(Outcome.SUCCEEDED);
        assertThat(invocations.getLast()).containsExactly("a");
    }

    @Test
    void records_older_than_the_maximum_record_age_are_discarded_as_record_age_exceeded_without_an_invocation() {
        put("old");
        clock.advance(Duration.ofSeconds(61));
        put("fresh");
        ShardConsumer consumer = consumer(settings(10, false, -1, 60, true));
        assertThat(drain(clock, consumer)).containsExactly(Outcome.DISCARDED, Outcome.SUCCEEDED);
        assertThat(invocations).containsExactly(List.of("fresh"));
        JsonNode report = onlyFailureReport();
        assertThat(report.at("/requestContext/condition").asText()).isEqualTo("RecordAgeExceeded");
        assertThat(report.at("/KinesisBatchInfo/batchSize").asInt()).isEqualTo(1);
        assertThat(report.has("responseContext")).isFalse();
    }

    @Test
    void the_checkpoint_survives_a_restart_and_an_unfinished_batch_is_read_again_whole() {
        put("a", "b");
        ShardConsumer first = consumer(settings(10, false, -1, -1, true));
        drain(clock, first);
        put("c", "d");
        behaviour = texts -> {
            throw new IllegalStateException("crash before the batch completes");
        };
        assertThat(first.poll().outcome()).isEqualTo(Outcome.FUNCTION_ERROR);
        behaviour = texts -> null;
        ShardConsumer afterRestart = consumer(settings(10, false, -1, -1, true));
        drain(clock, afterRestart);
        assertThat(invocations).containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("c", "d"));
    }

    @Test
    void latest_starts_after_the_records_already_in_the_shard_and_keeps_that_start_across_restarts() {
        put("before");
        var latest = new KinesisMappingSettings(
                "TestFunction",
                "Stream",
                "S",
                10,
                Duration.ZERO,
                StartingPosition.LATEST,
                false,
                -1,
                -1,
                true,
                Optional.empty());
        consumer(latest);
        put("after");
        ShardConsumer restarted = consumer(latest);
        drain(clock, restarted);
        assertThat(invocations).containsExactly(List.of("after"));
    }

    @Test
    void a_batch_waits_for_the_batching_window_unless_it_is_full() {
        var windowed = new KinesisMappingSettings(
                "TestFunction",
                "Stream",
                "S",
                3,
                Duration.ofSeconds(2),
                StartingPosition.TRIM_HORIZON,
                false,
                -1,
                -1,
                true,
                Optional.empty());
        ShardConsumer consumer = consumer(windowed);
        put("a");
        assertThat(consumer.poll()).isEqualTo(new ShardConsumer.Step(Outcome.GATHERING, Duration.ofSeconds(2)));
        put("b");
        clock.advance(Duration.ofSeconds(2));
        assertThat(consumer.poll().outcome()).isEqualTo(Outcome.SUCCEEDED);
        put("c", "d", "e");
        assertThat(consumer.poll().outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(invocations).containsExactly(List.of("a", "b"), List.of("c", "d", "e"));
    }

    @Test
    void the_iterator_age_is_the_age_of_the_batchs_last_record_when_the_batch_finishes() {
        put("a");
        clock.advance(Duration.ofSeconds(4));
        put("b");
        clock.advance(Duration.ofSeconds(1));
        ShardConsumer consumer = consumer(settings(10, false, -1, -1, true));
        drain(clock, consumer);
        assertThat(iteratorAges).containsExactly(1000L);
        assertThat(consumer.status().iteratorAgeMilliseconds()).isEqualTo(1000L);
    }

    private static KinesisEvent blockerEvent() {
        KinesisEvent.Record kinesis = new KinesisEvent.Record();
        kinesis.setData(java.nio.ByteBuffer.wrap("blocker".getBytes()));
        KinesisEvent.KinesisEventRecord record = new KinesisEvent.KinesisEventRecord();
        record.setKinesis(kinesis);
        KinesisEvent event = new KinesisEvent();
        event.setRecords(List.of(record));
        return event;
    }
}
