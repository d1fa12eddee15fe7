package dev.orders.local.asyncinvoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.domain.testing.Fixtures.MutableClock;
import dev.orders.functions.shared.Json;
import dev.orders.local.lambda.InMemoryLambda;
import dev.orders.local.lambda.LambdaException;
import dev.orders.local.queue.LocalQueues;
import dev.orders.local.queue.StoredMessage;
import dev.orders.local.store.Database;
import dev.orders.local.template.SamTemplate;
import dev.orders.local.time.TimeScale;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lambda's asynchronous invocation, step by step on a clock the test moves (the exact schedule), and end to end with
 * the pollers running at a time scale (a minute is a tenth of a second).
 */
class LocalAsyncInvocationsTest {

    static final String RECEIPTS = "ReceiptsFunction";
    static final String TEMPLATE = """
            Resources:
              ReceiptsFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: dev.orders.Receipts::handleRequest
                  AutoPublishAlias: live
                  EventInvokeConfig:
                    MaximumRetryAttempts: %d
                    MaximumEventAgeInSeconds: %d
                    DestinationConfig:
                      OnSuccess: {Type: SQS, Destination: !GetAtt ReceiptsSucceeded.Arn}
                      OnFailure: {Type: SQS, Destination: !GetAtt ReceiptsFailed.Arn}
                  DeadLetterQueue: {Type: SQS, TargetArn: !GetAtt ReceiptsDeadLetters.Arn}
              ReceiptsSucceeded: {Type: AWS::SQS::Queue}
              ReceiptsFailed: {Type: AWS::SQS::Queue}
              ReceiptsDeadLetters: {Type: AWS::SQS::Queue}
            """;

    @TempDir
    Path data;

    Database db;
    MutableClock real;
    TimeScale time;
    LocalQueues queues;
    InMemoryLambda lambda;
    final List<String> heard = new ArrayList<>();
    final List<LocalAsyncInvocations> engines = new ArrayList<>();

    @BeforeEach
    void open() {
        db = new Database(data.resolve("orders.db"));
        real = MutableClock.atNoon();
        time = TimeScale.of(1, real.instant(), real);
        queues = queues(time);
        lambda = new InMemoryLambda(time).add(InMemoryLambda.info(RECEIPTS));
        lambda.publishVersion(RECEIPTS, Optional.empty());
        lambda.alias(RECEIPTS, "live", "1");
    }

    @AfterEach
    void close() {
        engines.forEach(LocalAsyncInvocations::close);
        db.close();
    }

    private LocalQueues queues(java.time.Clock clock) {
        return new LocalQueues(db, clock).declareAll(SamTemplate.parse(TEMPLATE.formatted(2, 3600)));
    }

    private LocalAsyncInvocations engine(int retries, int maxAgeSeconds, TimeScale clock) {
        LocalAsyncInvocations engine = new LocalAsyncInvocations(
                        lambda,
                        db,
                        EventInvokeConfigs.from(SamTemplate.parse(TEMPLATE.formatted(retries, maxAgeSeconds))),
                        queues,
                        clock)
                .listen(new LocalAsyncInvocations.Listener() {
                    @Override
                    public void received(String function, Optional<String> qualifier) {
                        heard.add("received " + function
                                + qualifier.map(q -> ":" + q).orElse(""));
                    }

                    @Override
                    public void invoking(String function, Optional<String> qualifier, Duration age) {
                        heard.add("invoking after " + age.toSeconds() + " s");
                    }

                    @Override
                    public void dropped(String function, Optional<String> qualifier) {
                        heard.add("dropped");
                    }

                    @Override
                    public void destinationDeliveryFailed(String function, Optional<String> qualifier) {
                        heard.add("destination delivery failed");
                    }
                });
        engines.add(engine);
        return engine;
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private AsyncEvent only(LocalAsyncInvocations engine) {
        List<AsyncEvent> pending = engine.pending(Optional.empty(), 10);
        assertThat(pending).hasSize(1);
        return pending.getFirst();
    }

    private JsonNode onlyMessage(String queue) throws Exception {
        List<StoredMessage> messages = queues.peek(queue, 10);
        assertThat(messages).hasSize(1);
        return Json.internal().readTree(messages.getFirst().body());
    }

    @Test
    void a_function_error_is_retried_one_minute_then_two_minutes_later_and_then_its_record_goes_to_on_failure()
            throws Exception {
        lambda.behave(RECEIPTS, "*", (v, p, id) -> InMemoryLambda.unhandled(v, "cannot read the image"));
        LocalAsyncInvocations engine = engine(2, 21600, time);
        Instant received = time.instant();
        String requestId = engine.enqueue(RECEIPTS, Optional.of("live"), json("{\"key\":\"receipts/o-1/r-1\"}"));

        engine.attempt(only(engine));
        assertThat(only(engine).functionErrors()).isEqualTo(1);
        assertThat(only(engine).nextAttemptAt()).isEqualTo(received.plus(Duration.ofMinutes(1)));
        real.advance(Duration.ofMinutes(1));
        engine.attempt(only(engine));
        assertThat(only(engine).nextAttemptAt()).isEqualTo(received.plus(Duration.ofMinutes(3)));
        real.advance(Duration.ofMinutes(2));
        engine.attempt(only(engine));

        assertThat(engine.pending(Optional.empty(), 10)).isEmpty();
        assertThat(lambda.calls(RECEIPTS))
                .extracting(InMemoryLambda.Call::requestId)
                .containsExactly(requestId, requestId, requestId);
        JsonNode record = onlyMessage("ReceiptsFailed");
        assertThat(record.path("version").asText()).isEqualTo("1.0");
        assertThat(record.path("timestamp").asText()).isEqualTo("2026-11-27T12:03:00.000Z");
        assertThat(record.path("requestContext").path("requestId").asText()).isEqualTo(requestId);
        assertThat(record.path("requestContext").path("functionArn").asText())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:ReceiptsFunction:live");
        assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(record.path("requestContext").path("approximateInvokeCount").asInt())
                .isEqualTo(3);
        assertThat(record.path("requestPayload").path("key").asText()).isEqualTo("receipts/o-1/r-1");
        assertThat(record.path("responseContext").path("statusCode").asInt()).isEqualTo(200);
        assertThat(record.path("responseContext").path("executedVersion").asText())
                .isEqualTo("1");
        assertThat(record.path("responseContext").path("functionError").asText())
                .isEqualTo("Unhandled");
        assertThat(record.path("responsePayload").path("errorMessage").asText()).isEqualTo("cannot read the image");
        assertThat(queues.peek("ReceiptsSucceeded", 10)).isEmpty();
        assertThat(heard)
                .containsExactly(
                        "received ReceiptsFunction:live",
                        "invoking after 0 s",
                        "invoking after 60 s",
                        "invoking after 180 s",
                        "dropped");
    }

    @Test
    void the_dead_letter_queue_gets_the_event_itself_with_lambdas_attributes() {
        lambda.behave(RECEIPTS, "*", (v, p, id) -> InMemoryLambda.unhandled(v, "boom"));
        LocalAsyncInvocations engine = engine(0, 21600, time);
        String requestId = engine.enqueue(RECEIPTS, Optional.of("live"), json("{\"n\":7}"));
        engine.attempt(only(engine));
        StoredMessage dead = queues.peek("ReceiptsDeadLetters", 10).getFirst();
        assertThat(dead.body()).isEqualTo("{\"n\":7}");
        assertThat(dead.attributes())
                .containsEntry("RequestID", requestId)
                .containsEntry("ErrorCode", "200")
                .hasEntrySatisfying(
                        "ErrorMessage", message -> assertThat(message).contains("boom"));
        assertThat(lambda.calls(RECEIPTS)).as("MaximumRetryAttempts 0: one run").hasSize(1);
    }

    @Test
    void a_success_sends_its_record_to_on_success_with_the_functions_answer() throws Exception {
        lambda.behave(RECEIPTS, "*", (v, p, id) -> InMemoryLambda.ok(v, "{\"thumbnail\":\"thumbnails/r-1.jpg\"}"));
        LocalAsyncInvocations engine = engine(2, 21600, time);
        engine.enqueue(RECEIPTS, Optional.of("live"), json("{}"));
        engine.attempt(only(engine));
        JsonNode record = onlyMessage("ReceiptsSucceeded");
        assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("Success");
        assertThat(record.path("requestContext").path("approximateInvokeCount").asInt())
                .isEqualTo(1);
        assertThat(record.path("responseContext").has("functionError")).isFalse();
        assertThat(record.path("responsePayload").path("thumbnail").asText()).isEqualTo("thumbnails/r-1.jpg");
        assertThat(engine.pending(Optional.empty(), 10)).isEmpty();
        assertThat(queues.peek("ReceiptsFailed", 10)).isEmpty();
    }

    @Test
    void throttles_back_off_from_one_second_without_using_a_retry_until_the_event_is_too_old() throws Exception {
        lambda.throttle(RECEIPTS, 1_000);
        LocalAsyncInvocations engine = engine(2, 60, time);
        Instant received = time.instant();
        engine.enqueue(RECEIPTS, Optional.of("live"), json("{}"));
        List<Duration> waits = new ArrayList<>();
        while (!engine.pending(Optional.empty(), 10).isEmpty()) {
            AsyncEvent event = only(engine);
            real.advance(Duration.between(time.instant(), event.nextAttemptAt()));
            engine.attempt(only(engine));
            engine.pending(Optional.empty(), 10).stream()
                    .findFirst()
                    .ifPresent(next -> waits.add(Duration.between(time.instant(), next.nextAttemptAt())));
        }
        // 1, 2, 4, 8, 16 s, then the wait that reaches the event's 60 s age: no retry attempt was used
        assertThat(waits)
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(16),
                        Duration.ofSeconds(29));
        assertThat(time.instant()).isEqualTo(received.plusSeconds(60));
        JsonNode record = onlyMessage("ReceiptsFailed");
        assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("EventAgeExceeded");
        assertThat(record.path("requestContext").path("approximateInvokeCount").asInt())
                .isZero();
        assertThat(record.path("responseContext").path("statusCode").asInt()).isEqualTo(429);
        assertThat(lambda.calls(RECEIPTS)).isEmpty();
    }

    @Test
    void a_throttle_between_function_errors_does_not_count_as_a_retry() {
        lambda.behave(RECEIPTS, "*", (v, p, id) -> InMemoryLambda.unhandled(v, "boom"));
        LocalAsyncInvocations engine = engine(2, 21600, time);
        engine.enqueue(RECEIPTS, Optional.of("live"), json("{}"));
        engine.attempt(only(engine));
        lambda.throttle(RECEIPTS, 2);
        for (int i = 0; i < 4 && !engine.pending(Optional.empty(), 10).isEmpty(); i++) {
            real.advance(Duration.ofMinutes(2));
            engine.attempt(only(engine));
        }
        assertThat(lambda.calls(RECEIPTS))
                .as("two throttles, then the two retries")
                .hasSize(3);
        assertThat(queues.peek("ReceiptsFailed", 10)).hasSize(1);
    }

    @Test
    void a_throttle_reported_as_an_answer_rather_than_an_exception_is_still_a_throttle() {
        lambda.behave(
                RECEIPTS,
                "*",
                (v, p, id) -> new dev.orders.local.lambda.Invocation(429, v, json("{}"), Optional.empty(), ""));
        LocalAsyncInvocations engine = engine(2, 21600, time);
        engine.enqueue(RECEIPTS, Optional.of("live"), json("{}"));
        engine.attempt(only(engine));
        assertThat(only(engine).systemFailures()).isEqualTo(1);
        assertThat(only(engine).functionErrors()).isZero();
        assertThat(only(engine).nextAttemptAt()).isEqualTo(time.instant().plusSeconds(1));
        assertThat(queues.peek("ReceiptsSucceeded", 10)).isEmpty();
    }

    @Test
    void a_function_turned_off_with_reserved_concurrency_zero_sends_its_events_to_on_failure_without_running()
            throws Exception {
        lambda.putReservedConcurrency(RECEIPTS, 0);
        LocalAsyncInvocations engine = engine(2, 21600, time);
        engine.enqueue(RECEIPTS, Optional.of("live"), json("{}"));
        engine.attempt(only(engine));
        assertThat(lambda.calls(RECEIPTS)).isEmpty();
        assertThat(onlyMessage("ReceiptsFailed")
                        .path("requestContext")
                        .path("approximateInvokeCount")
                        .asInt())
                .isZero();
    }

    @Test
    void the_templates_config_applies_to_the_alias_it_sits_on_and_lambdas_defaults_elsewhere() {
        lambda.behave(RECEIPTS, "*", (v, p, id) -> InMemoryLambda.unhandled(v, "boom"));
        LocalAsyncInvocations engine = engine(0, 21600, time);
        engine.enqueue(RECEIPTS, Optional.empty(), json("{}"));
        engine.attempt(only(engine));
        assertThat(only(engine).nextAttemptAt())
                .as("$LATEST has no config: two retries")
                .isEqualTo(time.instant().plus(Duration.ofMinutes(1)));
        assertThat(queues.peek("ReceiptsFailed", 10)).isEmpty();
    }

    @Test
    void the_queue_sam_creates_for_a_destination_without_an_arn_exists_locally_and_receives_the_record() {
        lambda.behave(RECEIPTS, "*", (v, p, id) -> InMemoryLambda.unhandled(v, "boom"));
        SamTemplate template = SamTemplate.parse("""
                Resources:
                  ReceiptsFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: r
                      EventInvokeConfig: {MaximumRetryAttempts: 0, DestinationConfig: {OnFailure: {Type: SQS}}}
                """);
        LocalAsyncInvocations engine =
                new LocalAsyncInvocations(lambda, db, EventInvokeConfigs.from(template), queues, time);
        engines.add(engine);
        engine.enqueue(RECEIPTS, Optional.empty(), json("{}"));
        engine.attempt(only(engine));
        assertThat(queues.peek("ReceiptsFunctionEventInvokeConfigOnFailureQueue", 10))
                .hasSize(1);
    }

    @Test
    void what_cannot_be_queued_is_refused_and_nothing_is_queued() {
        LocalAsyncInvocations engine = engine(2, 21600, time);
        assertThatThrownBy(() -> engine.enqueue("NoSuchFunction", Optional.empty(), json("{}")))
                .isInstanceOf(LambdaException.class)
                .satisfies(e -> assertThat(((LambdaException) e).type())
                        .isEqualTo(LambdaException.Type.ResourceNotFoundException));
        assertThatThrownBy(() -> engine.enqueue(RECEIPTS, Optional.of("7"), json("{}")))
                .isInstanceOf(LambdaException.class)
                .hasMessage("Function not found: arn:aws:lambda:us-east-1:000000000000:function:ReceiptsFunction:7");
        byte[] tooLarge = new byte[LocalAsyncInvocations.MAX_PAYLOAD_BYTES + 1];
        assertThatThrownBy(() -> engine.enqueue(RECEIPTS, Optional.empty(), tooLarge))
                .isInstanceOf(LambdaException.class)
                .satisfies(e -> assertThat(((LambdaException) e).type())
                        .isEqualTo(LambdaException.Type.RequestTooLargeException));
        assertThat(engine.pending(Optional.empty(), 10)).isEmpty();
        assertThat(heard).isEmpty();
    }

    @Test
    void an_acknowledged_event_survives_a_restart_and_runs_in_the_next_process() {
        LocalAsyncInvocations first = engine(2, 21600, time);
        String requestId = first.enqueue(RECEIPTS, Optional.of("live"), json("{\"kept\":true}"));
        first.close();
        db.close();

        db = new Database(data.resolve("orders.db"));
        queues = queues(time);
        LocalAsyncInvocations second = engine(2, 21600, time);
        assertThat(only(second).requestId()).isEqualTo(requestId);
        second.start();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !queues.peek("ReceiptsSucceeded", 10).isEmpty());
        assertThat(lambda.calls(RECEIPTS))
                .extracting(InMemoryLambda.Call::requestId)
                .containsExactly(requestId);
    }

    @Test
    void an_event_a_crash_interrupted_is_due_again_in_the_next_process() {
        AsyncEventStore store = new AsyncEventStore(db);
        store.insert("r-1", RECEIPTS, Optional.empty(), json("{}"), time.millis());
        store.hold(store.due(time.millis(), 10));
        assertThat(store.due(time.millis(), 10)).as("held by a worker").isEmpty();
        AsyncEventStore afterRestart = new AsyncEventStore(db);
        assertThat(afterRestart.due(time.millis(), 10))
                .extracting(AsyncEvent::requestId)
                .containsExactly("r-1");
    }

    @Test
    void
            at_a_time_scale_the_pollers_retry_a_failing_function_twice_and_land_its_record_in_on_failure_in_well_under_a_second()
                    throws Exception {
        TimeScale fast = TimeScale.of(600, Instant.now());
        queues = queues(fast);
        lambda = new InMemoryLambda(fast).add(InMemoryLambda.info(RECEIPTS));
        lambda.publishVersion(RECEIPTS, Optional.empty());
        lambda.alias(RECEIPTS, "live", "1").behave(RECEIPTS, "*", (v, p, id) -> InMemoryLambda.unhandled(v, "boom"));
        LocalAsyncInvocations engine = engine(2, 21600, fast).start();
        String requestId = engine.enqueue(RECEIPTS, Optional.of("live"), json("{\"n\":1}"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !queues.peek("ReceiptsFailed", 10).isEmpty());
        List<InMemoryLambda.Call> calls = lambda.calls(RECEIPTS);
        assertThat(calls).extracting(InMemoryLambda.Call::requestId).containsExactly(requestId, requestId, requestId);
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at()))
                .isGreaterThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(Duration.between(calls.get(1).at(), calls.get(2).at()))
                .isGreaterThanOrEqualTo(Duration.ofMinutes(2));
        assertThat(onlyMessage("ReceiptsFailed")
                        .path("requestContext")
                        .path("approximateInvokeCount")
                        .asInt())
                .isEqualTo(3);
        assertThat(engine.pending(Optional.empty(), 10)).isEmpty();
    }

    @Test
    void a_destination_the_local_runtime_cannot_deliver_to_is_counted_as_a_delivery_failure() {
        lambda.behave(RECEIPTS, "*", (v, p, id) -> InMemoryLambda.unhandled(v, "boom"));
        EventInvokeConfig toTopic = new EventInvokeConfig(
                0,
                Duration.ofHours(1),
                Optional.empty(),
                Optional.of(new EventInvokeConfig.Destination("SNS", "AlarmTopic")),
                Optional.empty());
        LocalAsyncInvocations engine = new LocalAsyncInvocations(
                        lambda,
                        db,
                        new EventInvokeConfigs(
                                java.util.Map.of(EventInvokeConfigs.key(RECEIPTS, "live"), toTopic),
                                java.util.Map.of()),
                        queues,
                        time)
                .listen(new LocalAsyncInvocations.Listener() {
                    @Override
                    public void destinationDeliveryFailed(String function, Optional<String> qualifier) {
                        heard.add("destination delivery failed");
                    }
                });
        engines.add(engine);
        engine.enqueue(RECEIPTS, Optional.of("live"), json("{}"));
        engine.attempt(only(engine));
        assertThat(heard).containsExactly("destination delivery failed");
        assertThat(engine.pending(Optional.empty(), 10))
                .as("dropped all the same, as Lambda drops it")
                .isEmpty();
    }
}
