package dev.orders.local.stream;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.domain.testing.Fixtures.MutableClock;
import dev.orders.functions.shared.Json;
import dev.orders.local.lambda.FunctionSettings;
import dev.orders.local.lambda.LocalFunction;
import dev.orders.local.queue.LocalQueues;
import dev.orders.local.queue.QueueSettings;
import dev.orders.local.store.Database;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Helpers to drive a shard consumer step by step on a hand-moved clock: no sleeps, no timing. */
final class StreamTestKit {

    static final ShardConsumer.Backoff BACKOFF =
            new ShardConsumer.Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8));

    private StreamTestKit() {}

    static LocalFunction<KinesisEvent, StreamsEventResponse> function(
            RequestHandler<KinesisEvent, StreamsEventResponse> handler, Optional<Integer> reservedConcurrency) {
        return LocalFunction.inProcess(
                new FunctionSettings("TestFunction", "test::handle", Duration.ofSeconds(30), 128, reservedConcurrency),
                KinesisEvent.class,
                StreamsEventResponse.class,
                handler);
    }

    /** Queues nothing consumes (a quarantine, an OnFailure destination), as the template declares them. */
    static LocalQueues destinations(Database db, Clock clock, String... names) {
        LocalQueues queues = new LocalQueues(db, clock);
        for (String name : names) {
            queues.declare(QueueSettings.of(name, Duration.ofSeconds(30)));
        }
        return queues;
    }

    /** The JSON bodies of a queue's messages, oldest first. */
    static List<JsonNode> bodies(LocalQueues queues, String queue) {
        return queues.peek(queue, 1000).stream()
                .map(m -> {
                    try {
                        return Json.internal().readTree(m.body());
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .toList();
    }

    static LocalStream.Entry entry(String data, String partitionKey) {
        return new LocalStream.Entry(data.getBytes(StandardCharsets.UTF_8), partitionKey, Optional.empty());
    }

    static List<String> texts(KinesisEvent event) {
        return event.getRecords().stream()
                .map(r -> {
                    var buffer = r.getKinesis().getData().duplicate();
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    return new String(bytes, StandardCharsets.UTF_8);
                })
                .toList();
    }

    /**
     * Polls until every consumer is idle, moving the clock over gathering and backoff waits.
     * Returns the outcomes, in order. Bounded, so a consumer that never settles fails the test.
     */
    static List<ShardConsumer.Outcome> drain(MutableClock clock, ShardConsumer... consumers) {
        List<ShardConsumer.Outcome> outcomes = new ArrayList<>();
        for (int step = 0; step < 500; step++) {
            boolean allIdle = true;
            Duration shortest = null;
            for (ShardConsumer consumer : consumers) {
                ShardConsumer.Step result = consumer.poll();
                if (result.outcome() == ShardConsumer.Outcome.IDLE) {
                    continue;
                }
                allIdle = false;
                if (result.outcome() != ShardConsumer.Outcome.GATHERING
                        && result.outcome() != ShardConsumer.Outcome.BACKING_OFF) {
                    outcomes.add(result.outcome());
                }
                if (!result.delay().isZero()
                        && (shortest == null || result.delay().compareTo(shortest) < 0)) {
                    shortest = result.delay();
                }
            }
            if (allIdle) {
                return outcomes;
            }
            if (shortest != null) {
                clock.advance(shortest);
            }
        }
        throw new AssertionError("the consumers did not settle: " + outcomes);
    }
}
