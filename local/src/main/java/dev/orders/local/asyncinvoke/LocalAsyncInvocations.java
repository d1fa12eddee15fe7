package dev.orders.local.asyncinvoke;

import dev.orders.local.lambda.AsyncInvocations;
import dev.orders.local.lambda.Invocation;
import dev.orders.local.lambda.LambdaException;
import dev.orders.local.lambda.LocalLambda;
import dev.orders.local.queue.LocalQueues;
import dev.orders.local.queue.QueueSettings;
import dev.orders.local.store.Database;
import dev.orders.local.time.TimeScale;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda's asynchronous invocation (dg/invocation-async*.html): an event is committed to the queue in the data folder
 * before {@link #enqueue} returns, so an acknowledged 202 survives {@code kill -9}; pollers invoke the function; a
 * function error is retried {@code MaximumRetryAttempts} times, one minute and then two minutes later; a throttle or
 * service error puts the event back with a backoff from 1 s doubling to 5 min, without using a retry; an event older
 * than {@code MaximumEventAgeInSeconds} is discarded before its next attempt. A discarded event's record goes to the
 * OnFailure destination (its body to the dead-letter queue), a successful one's to OnSuccess; the row is deleted only
 * after that, so a crash in between runs the event again (Lambda's queue is at-least-once too). All times are
 * scaled time ({@link TimeScale}), so a test at × 600 sees both retries within half a second.
 */
public final class LocalAsyncInvocations implements AsyncInvocations, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalAsyncInvocations.class);

    /** Lambda's asynchronous payload limit (1 MB since 2025; 256 KB before). */
    public static final int MAX_PAYLOAD_BYTES = 1024 * 1024;
    /** Lambda's waits before the first and the second retry of a function error. */
    static final List<Duration> RETRY_DELAYS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2));

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    /** Events one function works on at once when its reserved concurrency does not say fewer. */
    static final int POLLERS_PER_FUNCTION = 10;
    /** Real time the poller waits at most between two looks at the queue, and when due events wait for a free poller. */
    private static final Duration IDLE_WAIT = Duration.ofSeconds(1);

    private static final Duration BLOCKED_WAIT = Duration.ofMillis(50);
    private static final int CLAIM_BATCH = 200;
    /** SQS's default visibility timeout, which the queues SAM creates for destinations have. */
    private static final Duration IMPLICIT_QUEUE_VISIBILITY = Duration.ofSeconds(30);

    /** Hears what Lambda's asynchronous metrics count: AsyncEventsReceived, AsyncEventAge, AsyncEventsDropped, delivery failures. */
    public interface Listener {
        Listener NONE = new Listener() {};

        default void received(String function, Optional<String> qualifier) {}

        /** An attempt is about to invoke the function, {@code age} after the event was queued. */
        default void invoking(String function, Optional<String> qualifier, Duration age) {}

        /** The event left the queue without a successful run (retries exhausted, too old, or not invocable). */
        default void dropped(String function, Optional<String> qualifier) {}

        default void destinationDeliveryFailed(String function, Optional<String> qualifier) {}

        default void deadLetterFailed(String function, Optional<String> qualifier) {}
    }

    private final LocalLambda lambda;
    private final AsyncEventStore store;
    private final EventInvokeConfigs configs;
    private final LocalQueues queues;
    private final TimeScale time;
    private final Object signal = new Object();
    private final Map<String, Integer> inFlight = new HashMap<>();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile Listener listener = Listener.NONE;
    private volatile boolean running;
    private volatile boolean closing;
    private Thread dispatcher;

    public LocalAsyncInvocations(
            LocalLambda lambda, Database db, EventInvokeConfigs configs, LocalQueues queues, TimeScale time) {
        this.lambda = lambda;
        this.store = new AsyncEventStore(db);
        this.configs = configs;
        this.queues = queues;
        this.time = time;
        Set<String> declared = queues.all().stream().map(QueueSettings::name).collect(Collectors.toSet());
        configs.implicitQueues().stream()
                .filter(queue -> !declared.contains(queue))
                .forEach(queue -> queues.declare(QueueSettings.of(queue, IMPLICIT_QUEUE_VISIBILITY)));
    }

    public LocalAsyncInvocations listen(Listener listener) {
        this.listener = listener;
        return this;
    }

    /** Starts the pollers: the events a previous process left queued are due at once. */
    public synchronized LocalAsyncInvocations start() {
        if (dispatcher == null) {
            running = true;
            dispatcher = Thread.ofPlatform().daemon().name("lambda-async").start(this::dispatch);
        }
        return this;
    }

    @Override
    public String enqueue(String function, Optional<String> qualifier, byte[] payload) {
        lambda.function(function);
        qualifier.ifPresent(q -> lambda.version(function, q)
                .orElseThrow(() -> new LambdaException(
                        LambdaException.Type.ResourceNotFoundException,
                        "Function not found: " + FunctionArn.of(function, qualifier))));
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new LambdaException(
                    LambdaException.Type.RequestTooLargeException,
                    "Request must be smaller than " + MAX_PAYLOAD_BYTES + " bytes for the InvokeFunction operation");
        }
        String requestId = UUID.randomUUID().toString();
        store.insert(requestId, function, qualifier, payload, time.millis());
        listener.received(function, qualifier);
        wake();
        return requestId;
    }

    /** The queued events of one function or of all, next due first (at most {@code limit}). */
    public List<AsyncEvent> pending(Optional<String> function, int limit) {
        return store.pending(function, limit);
    }

    public Map<String, Long> pendingByFunction() {
        return store.countsByFunction();
    }

    public EventInvokeConfigs configs() {
        return configs;
    }

    private void dispatch() {
        while (running) {
            try {
                Duration wait = poll();
                synchronized (signal) {
                    if (running) {
                        signal.wait(Math.max(1, wait.toMillis()));
                    }
                }
            } catch (InterruptedException stop) {
                return;
            } catch (RuntimeException failure) {
                // e.g. the database is closing under us; the next round tries again
                LOG.warn("asynchronous invocation poller failed; polling again", failure);
                sleepQuietly();
            }
        }
    }

    /**
     * One round: hands every due event to a worker (within each function's pollers) and says how long, in real time,
     * to wait before the next round (until the next event is due, at most {@link #IDLE_WAIT}; a finishing worker or a
     * new event wakes the poller earlier).
     */
    Duration poll() {
        List<AsyncEvent> claimed = store.due(time.millis(), CLAIM_BATCH).stream()
                .filter(this::takeSlot)
                .toList();
        store.hold(claimed);
        claimed.forEach(event -> workers.execute(() -> attemptAndRelease(event)));
        Optional<Long> next = store.nextDue();
        if (next.isEmpty()) {
            return IDLE_WAIT;
        }
        long scaledUntil = next.get() - time.millis();
        if (scaledUntil <= 0) {
            return claimed.isEmpty() ? BLOCKED_WAIT : Duration.ZERO;
        }
        Duration real = time.realDelay(Duration.ofMillis(scaledUntil));
        return real.compareTo(IDLE_WAIT) > 0 ? IDLE_WAIT : real;
    }

    private boolean takeSlot(AsyncEvent event) {
        int pollers = pollers(event.function());
        synchronized (this) {
            int used = inFlight.getOrDefault(event.function(), 0);
            if (used >= pollers) {
                return false;
            }
            inFlight.put(event.function(), used + 1);
            return true;
        }
    }

    private int pollers(String function) {
        OptionalInt reserved = lambda.reservedConcurrency(function);
        return reserved.isPresent() && reserved.getAsInt() > 0
                ? Math.min(reserved.getAsInt(), POLLERS_PER_FUNCTION)
                : POLLERS_PER_FUNCTION;
    }

    private void attemptAndRelease(AsyncEvent event) {
        try {
            attempt(event);
        } catch (RuntimeException failure) {
            // The outcome could not be stored (the platform is closing): the row is still there, so the event runs
            // again.
            LOG.warn(
                    "asynchronous event {} of {} could not be completed; it stays queued",
                    event.requestId(),
                    event.function(),
                    failure);
        } finally {
            synchronized (this) {
                inFlight.merge(event.function(), -1, Integer::sum);
            }
            wake();
        }
    }

    /** One attempt at one event; package-private for tests. */
    void attempt(AsyncEvent event) {
        EventInvokeConfig config = configs.of(event.function(), event.qualifier());
        Instant now = time.instant();
        Duration age = Duration.between(event.receivedAt(), now);
        if (age.compareTo(config.maximumEventAge()) >= 0) {
            discard(event, config, InvocationRecord.Condition.EventAgeExceeded);
            return;
        }
        if (lambda.reservedConcurrency(event.function()).equals(OptionalInt.of(0))) {
            // Lambda's rule for a function turned off with reserved concurrency 0: no retries, straight to the failure
            // destination.
            discard(event, config, InvocationRecord.Condition.RetriesExhausted);
            return;
        }
        listener.invoking(event.function(), event.qualifier(), age);
        Invocation invocation;
        try {
            invocation = lambda.invoke(event.function(), event.qualifier(), event.payload(), event.requestId());
        } catch (LambdaException refused) {
            refused(event, config, refused);
            return;
        } catch (RuntimeException fault) {
            LOG.warn(
                    "invoking {} for asynchronous event {} failed; retried as a service error",
                    event.function(),
                    event.requestId(),
                    fault);
            systemFailure(event, config, 500, "ServiceException", String.valueOf(fault.getMessage()));
            return;
        }
        if (invocation.status() == 429 || invocation.status() >= 500) {
            // The contract reports throttles as exceptions; an answer that says the same thing is treated the same way.
            systemFailure(
                    event,
                    config,
                    invocation.status(),
                    invocation.status() == 429 ? "TooManyRequestsException" : "ServiceException",
                    new String(invocation.payload(), StandardCharsets.UTF_8));
            return;
        }
        if (closing && invocation.functionError().isPresent()) {
            // Most likely the shutdown interrupted the run: not the function's error; the event stays queued as it was.
            return;
        }
        AsyncEvent ran = withResponse(
                event,
                event.invocations() + 1,
                event.functionErrors(),
                event.systemFailures(),
                new AsyncEvent.LastResponse(
                        invocation.status(),
                        invocation.executedVersion(),
                        invocation.functionError(),
                        invocation.payload()));
        if (invocation.functionError().isEmpty()) {
            config.onSuccess()
                    .ifPresent(destination -> deliver(
                            ran,
                            destination,
                            InvocationRecord.of(ran, InvocationRecord.Condition.Success, time.instant())));
            store.delete(event.requestId());
            return;
        }
        AsyncEvent failed = withResponse(
                ran,
                ran.invocations(),
                ran.functionErrors() + 1,
                ran.systemFailures(),
                ran.lastResponse().orElseThrow());
        if (failed.functionErrors() > config.maximumRetryAttempts()) {
            discard(failed, config, InvocationRecord.Condition.RetriesExhausted);
            return;
        }
        Duration delay = RETRY_DELAYS.get(Math.min(failed.functionErrors(), RETRY_DELAYS.size()) - 1);
        retryLater(failed, config, delay);
    }

    /** Lambda refused the invocation: a throttle or service error is retried; anything else cannot succeed later. */
    private void refused(AsyncEvent event, EventInvokeConfig config, LambdaException refused) {
        int status = refused.type().status();
        if (refused.type() == LambdaException.Type.TooManyRequestsException || status >= 500) {
            systemFailure(event, config, status, refused.type().name(), refused.getMessage());
            return;
        }
        LOG.warn(
                "asynchronous event {} of {} cannot be invoked ({}: {}); discarded",
                event.requestId(),
                event.function(),
                refused.type(),
                refused.getMessage());
        discard(
                withResponse(
                        event,
                        event.invocations(),
                        event.functionErrors(),
                        event.systemFailures(),
                        new AsyncEvent.LastResponse(
                                status,
                                null,
                                Optional.empty(),
                                errorPayload(refused.type().name(), refused.getMessage()))),
                config,
                InvocationRecord.Condition.RetriesExhausted);
    }

    private void systemFailure(AsyncEvent event, EventInvokeConfig config, int status, String type, String message) {
        int failures = event.systemFailures() + 1;
        Duration backoff = Duration.ofMillis(
                Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(failures - 1, 20)));
        // The last answer stays the function's own, if it ever ran: that is what the record reports.
        AsyncEvent.LastResponse last = event.lastResponse()
                .orElse(new AsyncEvent.LastResponse(status, null, Optional.empty(), errorPayload(type, message)));
        retryLater(withResponse(event, event.invocations(), event.functionErrors(), failures, last), config, backoff);
    }

    /** Back in the queue; never later than the moment the event gets too old, so it is discarded on time. */
    private void retryLater(AsyncEvent event, EventInvokeConfig config, Duration delay) {
        Instant retry = time.instant().plus(delay);
        Instant expiry = event.receivedAt().plus(config.maximumEventAge());
        store.reschedule(new AsyncEvent(
                event.requestId(),
                event.function(),
                event.qualifier(),
                event.payload(),
                event.receivedAt(),
                retry.isAfter(expiry) ? expiry : retry,
                event.invocations(),
                event.functionErrors(),
                event.systemFailures(),
                false,
                event.lastResponse()));
    }

    private void discard(AsyncEvent event, EventInvokeConfig config, InvocationRecord.Condition condition) {
        LOG.info(
                "asynchronous event {} of {} dropped: {} after {} invocations",
                event.requestId(),
                event.function(),
                condition,
                event.invocations());
        config.onFailure()
                .ifPresent(destination ->
                        deliver(event, destination, InvocationRecord.of(event, condition, time.instant())));
        config.deadLetterQueue().ifPresent(dlq -> deadLetter(event, dlq));
        listener.dropped(event.function(), event.qualifier());
        store.delete(event.requestId());
    }

    private void deliver(AsyncEvent event, EventInvokeConfig.Destination destination, String record) {
        if (!send(destination, record, Map.of())) {
            listener.destinationDeliveryFailed(event.function(), event.qualifier());
        }
    }

    /** The dead-letter queue gets the event itself, with Lambda's RequestID, ErrorCode and ErrorMessage attributes. */
    private void deadLetter(AsyncEvent event, EventInvokeConfig.Destination dlq) {
        AsyncEvent.LastResponse last =
                event.lastResponse().orElse(new AsyncEvent.LastResponse(0, null, Optional.empty(), new byte[0]));
        Map<String, String> attributes = Map.of(
                "RequestID",
                event.requestId(),
                "ErrorCode",
                String.valueOf(last.status()),
                "ErrorMessage",
                new String(last.payload(), StandardCharsets.UTF_8));
        if (!send(dlq, new String(event.payload(), StandardCharsets.UTF_8), attributes)) {
            listener.deadLetterFailed(event.function(), event.qualifier());
        }
    }

    private boolean send(EventInvokeConfig.Destination destination, String body, Map<String, String> attributes) {
        Optional<String> queue = destination.queue();
        if (queue.isEmpty()) {
            LOG.warn(
                    "cannot deliver to {}: the local runtime delivers asynchronous results to the template's SQS queues only",
                    destination);
            return false;
        }
        try {
            queues.send(queue.get(), body, attributes);
            return true;
        } catch (IllegalArgumentException unknownQueue) {
            LOG.warn("cannot deliver to {}: {}", destination, unknownQueue.getMessage());
            return false;
        }
    }

    private static AsyncEvent withResponse(
            AsyncEvent event, int invocations, int functionErrors, int systemFailures, AsyncEvent.LastResponse last) {
        return new AsyncEvent(
                event.requestId(),
                event.function(),
                event.qualifier(),
                event.payload(),
                event.receivedAt(),
                event.nextAttemptAt(),
                invocations,
                functionErrors,
                systemFailures,
                event.inFlight(),
                Optional.of(last));
    }

    private static byte[] errorPayload(String type, String message) {
        return dev.orders.functions.shared.Json.internal()
                .createObjectNode()
                .put("errorMessage", message)
                .put("errorType", type)
                .toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    private void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(IDLE_WAIT.toMillis());
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops polling; events in flight stay queued and run again when the platform next starts. */
    @Override
    public void close() {
        closing = true;
        running = false;
        Thread stopping;
        synchronized (this) {
            stopping = dispatcher;
        }
        wake();
        if (stopping != null) {
            stopping.interrupt();
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
                workers.shutdownNow();
                workers.awaitTermination(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
