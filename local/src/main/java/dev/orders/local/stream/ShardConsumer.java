package dev.orders.local.stream;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.orders.functions.shared.QueueSender;
import dev.orders.local.lambda.LocalFunction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shard of a Kinesis event source mapping: one batch in flight at a time, checkpointed only when
 * the batch completes, retried as Lambda retries it. Each {@link #poll} takes one step and says how
 * long to wait before the next, so tests can drive it step by step with their own clock.
 */
final class ShardConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(ShardConsumer.class);
    /** Lambda's 6 MB invocation payload, less base64's growth and the event's envelope. */
    static final long MAX_BATCH_DATA_BYTES = 4L * 1024 * 1024;

    static final Duration IDLE_WAIT = Duration.ofMillis(250);

    enum Outcome {
        IDLE,
        GATHERING,
        BACKING_OFF,
        SUCCEEDED,
        PARTIAL_FAILURE,
        FUNCTION_ERROR,
        BISECTED,
        THROTTLED,
        DISCARDED
    }

    record Step(Outcome outcome, Duration delay) {}

    /** Exponential backoff between retries of one batch: {@code initial}, doubling, at most {@code max}. */
    record Backoff(Duration initial, Duration max) {
        Duration after(int failures) {
            long millis = initial.toMillis() << Math.min(Math.max(failures - 1, 0), 20);
            return Duration.ofMillis(Math.min(millis, max.toMillis()));
        }
    }

    /** Receives the IteratorAge of each finished batch. */
    public interface IteratorAgeSink {
        void record(String functionName, String shardId, long millis);
    }

    /** The batch in flight: fixed bounds, so every retry sends the same records. */
    private static final class Window {
        final long endId;
        final Deque<Long> pendingEnds;
        int attempts;
        int throttles;
        int invocations;
        Instant notBefore = Instant.MIN;

        Window(long endId, Deque<Long> pendingEnds) {
            this.endId = endId;
            this.pendingEnds = pendingEnds;
        }
    }

    private final KinesisMappingSettings settings;
    private final LocalStream stream;
    private final String shardId;
    private final LocalFunction<KinesisEvent, StreamsEventResponse> function;
    private final Checkpoints checkpoints;
    private final Optional<QueueSender> onFailure;
    private final Clock clock;
    private final Backoff backoff;
    private final IteratorAgeSink iteratorAge;

    private volatile long checkpoint;
    private Window window;
    private Instant gatheringSince;

    private volatile String lastResult = "No records processed";
    private volatile long lastIteratorAgeMillis = -1;
    private volatile long discardedRecords;
    private volatile int inFlightRecords;

    ShardConsumer(
            KinesisMappingSettings settings,
            LocalStream stream,
            String shardId,
            LocalFunction<KinesisEvent, StreamsEventResponse> function,
            Checkpoints checkpoints,
            Optional<QueueSender> onFailure,
            Clock clock,
            Backoff backoff,
            IteratorAgeSink iteratorAge) {
        this.settings = settings;
        this.stream = stream;
        this.shardId = shardId;
        this.function = function;
        this.checkpoints = checkpoints;
        this.onFailure = onFailure;
        this.clock = clock;
        this.backoff = backoff;
        this.iteratorAge = iteratorAge;
        // A mapping starts once; after a restart it resumes from its checkpoint, whatever its starting position.
        this.checkpoint = checkpoints.load(settings.mappingId(), shardId).orElseGet(() -> {
            long start = settings.startingPosition() == KinesisMappingSettings.StartingPosition.LATEST
                    ? stream.latestId(shardId)
                    : 0;
            checkpoints.save(settings.mappingId(), shardId, start);
            return start;
        });
    }

    synchronized Step poll() {
        Instant now = clock.instant();
        if (window == null) {
            LocalStream.Read read =
                    stream.read(shardId, checkpoint, Long.MAX_VALUE, settings.batchSize(), MAX_BATCH_DATA_BYTES);
            if (read.records().isEmpty()) {
                gatheringSince = null;
                return new Step(Outcome.IDLE, IDLE_WAIT);
            }
            if (!read.full() && !settings.batchingWindow().isZero()) {
                gatheringSince = gatheringSince == null ? now : gatheringSince;
                Instant due = gatheringSince.plus(settings.batchingWindow());
                if (now.isBefore(due)) {
                    return new Step(Outcome.GATHERING, Duration.between(now, due));
                }
            }
            gatheringSince = null;
            window = new Window(read.records().getLast().id(), new ArrayDeque<>());
        }
        if (now.isBefore(window.notBefore)) {
            return new Step(Outcome.BACKING_OFF, Duration.between(now, window.notBefore));
        }
        List<StreamRecord> batch = stream.read(shardId, checkpoint, window.endId, settings.batchSize(), Long.MAX_VALUE)
                .records();
        if (batch.isEmpty()) {
            // retention removed the batch while it was being retried
            finishWindow();
            return new Step(Outcome.DISCARDED, Duration.ZERO);
        }
        Optional<Step> expired = discardExpired(batch, now);
        if (expired.isPresent()) {
            return expired.get();
        }
        inFlightRecords = batch.size();
        LocalFunction.Result<StreamsEventResponse> result =
                function.invoke(KinesisEvents.of(stream, settings.functionLogicalId(), batch));
        inFlightRecords = 0;
        return switch (result) {
            case LocalFunction.Result.Success<StreamsEventResponse> success -> {
                window.invocations++;
                yield response(batch, success.response());
            }
            case LocalFunction.Result.Throttled<StreamsEventResponse> throttled -> {
                // Not the function's fault: retried until the records expire, never counted as a retry attempt.
                window.throttles++;
                lastResult = "Throttled";
                yield retryLater(Outcome.THROTTLED, backoff.after(window.throttles));
            }
            case LocalFunction.Result.Failed<StreamsEventResponse> failed -> {
                window.invocations++;
                yield functionError(batch, "Unhandled (" + failed.errorType() + ")");
            }
            case LocalFunction.Result.TimedOut<StreamsEventResponse> timedOut -> {
                window.invocations++;
                yield functionError(batch, "Unhandled (Task timed out)");
            }
        };
    }

    /** Records older than MaximumRecordAgeInSeconds are discarded before any invocation. */
    private Optional<Step> discardExpired(List<StreamRecord> batch, Instant now) {
        if (settings.maximumRecordAgeSeconds() == KinesisMappingSettings.UNLIMITED) {
            return Optional.empty();
        }
        Instant oldestAllowed = now.minusSeconds(settings.maximumRecordAgeSeconds());
        List<StreamRecord> expired = batch.stream()
                .takeWhile(r -> r.approximateArrival().isBefore(oldestAllowed))
                .toList();
        if (expired.isEmpty()) {
            return Optional.empty();
        }
        discard(expired, BatchFailureReport.Condition.RecordAgeExceeded, Optional.empty());
        if (expired.size() == batch.size()) {
            finishWindow();
        }
        return Optional.of(new Step(Outcome.DISCARDED, Duration.ZERO));
    }

    private Step response(List<StreamRecord> batch, StreamsEventResponse response) {
        if (!settings.reportBatchItemFailures()
                || response == null
                || response.getBatchItemFailures() == null
                || response.getBatchItemFailures().isEmpty()) {
            return succeeded(batch);
        }
        Set<Long> inBatch = new HashSet<>(batch.stream().map(StreamRecord::id).toList());
        long lowest = Long.MAX_VALUE;
        for (StreamsEventResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
            String identifier = failure == null ? null : failure.getItemIdentifier();
            long id = StreamRecord.idOf(identifier);
            if (identifier == null || identifier.isEmpty() || !inBatch.contains(id)) {
                // Lambda's rule: a null, empty or unknown itemIdentifier makes the whole batch a failure.
                return functionError(
                        batch,
                        "malformed batchItemFailures (itemIdentifier "
                                + (identifier == null ? "null" : "'" + identifier + "'") + ")");
            }
            lowest = Math.min(lowest, id);
        }
        long failedFrom = lowest;
        List<StreamRecord> done =
                batch.stream().filter(r -> r.id() < failedFrom).toList();
        if (!done.isEmpty()) {
            advanceTo(done.getLast());
        }
        List<StreamRecord> remaining =
                batch.stream().filter(r -> r.id() >= failedFrom).toList();
        window.attempts++;
        lastResult = "Partial failure at " + remaining.getFirst().sequenceNumber();
        if (exhausted()) {
            discard(remaining, BatchFailureReport.Condition.RetryAttemptsExhausted, Optional.empty());
            finishWindow();
            return new Step(Outcome.DISCARDED, Duration.ZERO);
        }
        return retryLater(Outcome.PARTIAL_FAILURE, backoff.after(window.attempts));
    }

    private Step functionError(List<StreamRecord> batch, String error) {
        lastResult = "Function error: " + error;
        if (settings.bisectOnFunctionError() && batch.size() > 1) {
            // Split without using the retry quota: the first half now, the second half once it is through.
            window.pendingEnds.push(window.endId);
            window = new Window(batch.get(batch.size() / 2 - 1).id(), window.pendingEnds);
            return new Step(Outcome.BISECTED, Duration.ZERO);
        }
        window.attempts++;
        if (exhausted()) {
            discard(batch, BatchFailureReport.Condition.RetryAttemptsExhausted, Optional.of("Unhandled"));
            finishWindow();
            return new Step(Outcome.DISCARDED, Duration.ZERO);
        }
        return retryLater(Outcome.FUNCTION_ERROR, backoff.after(window.attempts));
    }

    private boolean exhausted() {
        return settings.maximumRetryAttempts() != KinesisMappingSettings.UNLIMITED
                && window.attempts > settings.maximumRetryAttempts();
    }

    private Step retryLater(Outcome outcome, Duration wait) {
        window.notBefore = clock.instant().plus(wait);
        return new Step(outcome, wait);
    }

    private Step succeeded(List<StreamRecord> batch) {
        advanceTo(batch.getLast());
        measureIteratorAge(batch.getLast());
        lastResult = "OK";
        finishWindow();
        return new Step(Outcome.SUCCEEDED, Duration.ZERO);
    }

    private void discard(
            List<StreamRecord> records, BatchFailureReport.Condition condition, Optional<String> functionError) {
        String report = BatchFailureReport.of(
                condition,
                "arn:aws:lambda:" + LocalStream.REGION + ":" + LocalStream.ACCOUNT + ":function:"
                        + settings.functionLogicalId(),
                window.invocations,
                window.invocations > 0,
                functionError,
                stream,
                records,
                clock.instant());
        // The report is durable before the checkpoint moves past the records: a crash in between sends it twice, never
        // zero times.
        onFailure.ifPresentOrElse(
                queue -> queue.send(report, Map.of()),
                () -> LOG.warn(
                        "{} discarded {} records of {} with no OnFailure destination",
                        settings.mappingId(),
                        records.size(),
                        shardId));
        LOG.warn("{} discarded {} records of {} ({})", settings.mappingId(), records.size(), shardId, condition);
        advanceTo(records.getLast());
        measureIteratorAge(records.getLast());
        discardedRecords += records.size();
        lastResult = "Discarded " + records.size() + " records: " + condition;
    }

    private void advanceTo(StreamRecord record) {
        checkpoints.save(settings.mappingId(), shardId, record.id());
        checkpoint = record.id();
    }

    private void measureIteratorAge(StreamRecord last) {
        long age = Math.max(
                0, Duration.between(last.approximateArrival(), clock.instant()).toMillis());
        lastIteratorAgeMillis = age;
        iteratorAge.record(settings.functionLogicalId(), shardId, age);
    }

    private void finishWindow() {
        Deque<Long> pending = window.pendingEnds;
        window = pending.isEmpty() ? null : new Window(pending.pop(), pending);
    }

    ShardStatus status() {
        long at = checkpoint;
        return new ShardStatus(
                shardId,
                at == 0 ? null : StreamRecord.sequenceNumber(at),
                lastIteratorAgeMillis < 0 ? null : lastIteratorAgeMillis,
                lastResult,
                inFlightRecords,
                discardedRecords);
    }
}
