package dev.orders.local.views;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.orders.local.asyncinvoke.AsyncEvent;
import dev.orders.local.asyncinvoke.EventInvokeConfig;
import dev.orders.local.asyncinvoke.LocalAsyncInvocations;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code GET /_local/async-events[?function=F]}: Lambda's asynchronous queue as it stands — how many events each
 * function has waiting, the next due events (attempts so far, when the next one is, the last answer) and the
 * template's asynchronous-invocation settings by {@code FUNCTION:QUALIFIER}.
 */
public record AsyncEventsView(LocalAsyncInvocations async, Supplier<Instant> now) implements View {

    static final int LIMIT = 100;
    static final int PAYLOAD_PREVIEW = 2048;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Event(
            String requestId,
            String function,
            String qualifier,
            String receivedAt,
            long ageSeconds,
            int invocations,
            int functionErrors,
            int throttlesAndServiceErrors,
            String nextAttemptAt,
            boolean inFlight,
            Integer lastStatus,
            String lastFunctionError,
            String payload) {
        static Event of(AsyncEvent e, Instant now) {
            String payload = new String(e.payload(), StandardCharsets.UTF_8);
            return new Event(
                    e.requestId(),
                    e.function(),
                    e.qualifier().orElse(null),
                    e.receivedAt().toString(),
                    Math.max(0, Duration.between(e.receivedAt(), now).toSeconds()),
                    e.invocations(),
                    e.functionErrors(),
                    e.systemFailures(),
                    e.nextAttemptAt().toString(),
                    e.inFlight(),
                    e.lastResponse().map(AsyncEvent.LastResponse::status).orElse(null),
                    e.lastResponse()
                            .flatMap(AsyncEvent.LastResponse::functionError)
                            .orElse(null),
                    payload.length() > PAYLOAD_PREVIEW ? payload.substring(0, PAYLOAD_PREVIEW) + "…" : payload);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Config(int maximumRetryAttempts, long maximumEventAgeInSeconds, String onSuccess, String onFailure) {
        static Config of(EventInvokeConfig c) {
            return new Config(
                    c.maximumRetryAttempts(),
                    c.maximumEventAge().toSeconds(),
                    c.onSuccess().map(Object::toString).orElse(null),
                    c.onFailure().map(Object::toString).orElse(null));
        }
    }

    record Body(Map<String, Long> pending, List<Event> events, Map<String, Config> eventInvokeConfigs) {}

    @Override
    public Answer render(Map<String, String> query) {
        String function = query.get("function");
        Instant at = now.get();
        List<Event> events = async.pending(java.util.Optional.ofNullable(function), LIMIT).stream()
                .map(e -> Event.of(e, at))
                .toList();
        Map<String, Config> configs = new TreeMap<>();
        async.configs().declared().forEach((key, config) -> configs.put(key, Config.of(config)));
        return Answer.ok(new Body(async.pendingByFunction(), events, configs));
    }
}
