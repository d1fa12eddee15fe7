package dev.orders.local.views;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.domain.testing.Fixtures.MutableClock;
import dev.orders.functions.shared.Json;
import dev.orders.local.asyncinvoke.EventInvokeConfigs;
import dev.orders.local.asyncinvoke.LocalAsyncInvocations;
import dev.orders.local.lambda.InMemoryLambda;
import dev.orders.local.queue.LocalQueues;
import dev.orders.local.store.Database;
import dev.orders.local.template.SamTemplate;
import dev.orders.local.time.TimeScale;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /_local/async-events}: the asynchronous queue as it stands, without running anything. */
class AsyncEventsViewTest {

    @TempDir
    Path dir;

    Database db;
    MutableClock clock;
    LocalAsyncInvocations async;
    LocalViews views;

    @BeforeEach
    void open() {
        db = new Database(dir.resolve("orders.db"));
        clock = MutableClock.atNoon();
        TimeScale time = TimeScale.of(1, clock.instant(), clock);
        SamTemplate template = SamTemplate.parse("""
                Resources:
                  Receipts:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: r
                      AutoPublishAlias: live
                      EventInvokeConfig:
                        MaximumRetryAttempts: 1
                        DestinationConfig: {OnFailure: {Type: SQS, Destination: !GetAtt Failed.Arn}}
                  Failed: {Type: AWS::SQS::Queue}
                """);
        InMemoryLambda lambda =
                new InMemoryLambda(time).add(InMemoryLambda.info("Receipts")).add(InMemoryLambda.info("Other"));
        async = new LocalAsyncInvocations(
                lambda, db, EventInvokeConfigs.from(template), new LocalQueues(db, time).declareAll(template), time);
        views = new LocalViews().register("async-events", new AsyncEventsView(async, time::instant));
    }

    @AfterEach
    void close() {
        async.close();
        db.close();
    }

    @Test
    void pending_events_show_their_age_attempts_and_payload_and_the_settings_show_per_qualifier() throws Exception {
        String id = async.enqueue(
                "Receipts", Optional.empty(), "{\"key\":\"receipts/o-1\"}".getBytes(StandardCharsets.UTF_8));
        async.enqueue("Other", Optional.empty(), "{}".getBytes(StandardCharsets.UTF_8));
        clock.advance(Duration.ofSeconds(42));
        JsonNode all = Json.internal()
                .readTree(views.serve("GET", "async-events", Map.of()).body());
        assertThat(all.path("pending").path("Receipts").asLong()).isEqualTo(1);
        assertThat(all.path("pending").path("Other").asLong()).isEqualTo(1);
        assertThat(all.path("eventInvokeConfigs")
                        .path("Receipts:live")
                        .path("maximumRetryAttempts")
                        .asInt())
                .isEqualTo(1);
        assertThat(all.path("eventInvokeConfigs")
                        .path("Receipts:live")
                        .path("onFailure")
                        .asText())
                .isEqualTo("SQS Failed");
        JsonNode receipts = Json.internal()
                .readTree(views.serve("GET", "async-events", Map.of("function", "Receipts"))
                        .body());
        assertThat(receipts.path("events")).hasSize(1);
        JsonNode event = receipts.path("events").get(0);
        assertThat(event.path("requestId").asText()).isEqualTo(id);
        assertThat(event.path("ageSeconds").asLong()).isEqualTo(42);
        assertThat(event.path("invocations").asInt()).isZero();
        assertThat(event.path("payload").asText()).isEqualTo("{\"key\":\"receipts/o-1\"}");
        assertThat(event.has("qualifier")).isFalse();
    }
}
