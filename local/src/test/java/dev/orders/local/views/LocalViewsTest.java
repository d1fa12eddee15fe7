package dev.orders.local.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.domain.testing.Fixtures.MutableClock;
import dev.orders.functions.shared.Json;
import dev.orders.local.gateway.HttpGateway;
import dev.orders.local.queue.LocalQueues;
import dev.orders.local.queue.QueueSettings;
import dev.orders.local.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /_local views: built from what the emulators return, written by the one JSON mapper. */
class LocalViewsTest {

    @TempDir
    Path dir;

    private Database db;
    private LocalQueues queues;
    private LocalViews views;

    @BeforeEach
    void open() {
        db = new Database(dir.resolve("views.db"));
        queues = new LocalQueues(db, MutableClock.atNoon())
                .declare(QueueSettings.of("Quarantine", Duration.ofSeconds(30)))
                .declare(QueueSettings.of("Dlq", Duration.ofSeconds(30)))
                .declare(new QueueSettings("Work", Duration.ofSeconds(60), Optional.of("Dlq"), 5));
        views = new LocalViews()
                .register("quarantine", new QueueMessagesView(queues, "Quarantine"))
                .register("queues", new QueuesView(queues, List::of));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static JsonNode json(HttpGateway.Reply reply) throws Exception {
        assertThat(reply.contentType()).isEqualTo("application/json");
        return Json.internal().readTree(reply.body());
    }

    @Test
    void a_queue_nothing_consumes_is_shown_whole_with_json_bodies_parsed_and_other_bodies_as_text() throws Exception {
        queues.send("Quarantine", "{\"reason\":\"undecodable: x\"}", Map.of());
        queues.send("Quarantine", "not json", Map.of("source", "test"));
        JsonNode view = json(views.serve("GET", "quarantine", Map.of()));
        assertThat(view.path("queue").asText()).isEqualTo("Quarantine");
        assertThat(view.path("depth").asLong()).isEqualTo(2);
        assertThat(view.at("/messages/0/body/reason").asText()).isEqualTo("undecodable: x");
        assertThat(view.at("/messages/1/body").asText()).isEqualTo("not json");
        assertThat(view.at("/messages/1/attributes/source").asText()).isEqualTo("test");
    }

    @Test
    void the_queues_view_shows_depths_dead_letter_queues_and_peeked_messages() throws Exception {
        queues.send("Work", "hello", Map.of("k", "v"));
        queues.receive("Work", 1);
        queues.send("Quarantine", "{}", Map.of());
        JsonNode view = json(views.serve("GET", "queues", Map.of("peek", "Work")));
        JsonNode work = view.path("queues").get(2);
        assertThat(work.path("name").asText()).isEqualTo("Work");
        assertThat(work.path("inFlight").asLong()).isEqualTo(1);
        assertThat(work.path("deadLetterQueue").asText()).isEqualTo("Dlq");
        assertThat(work.path("maxReceiveCount").asInt()).isEqualTo(5);
        assertThat(work.at("/messages/0/body").asText()).isEqualTo("hello");
        assertThat(work.at("/messages/0/receiveCount").asInt()).isEqualTo(1);
        JsonNode quarantine = view.path("queues").get(0);
        assertThat(quarantine.path("visible").asLong()).isEqualTo(1);
        assertThat(quarantine.has("deadLetterQueue")).isFalse();
        assertThat(quarantine.has("messages")).isFalse();
        assertThat(view.path("eventSourceMappings").isArray()).isTrue();
    }

    @Test
    void an_unknown_view_is_404_and_a_view_only_answers_get_and_head() throws Exception {
        HttpGateway.Reply missing = views.serve("GET", "nothing", Map.of());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(json(missing).path("message").asText()).isEqualTo("Not Found");
        assertThat(views.serve("POST", "queues", Map.of()).status()).isEqualTo(405);
        assertThat(views.serve("HEAD", "queues", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void a_name_is_registered_once() {
        assertThatThrownBy(() -> views.register("queues", query -> View.Answer.ok(Map.of())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(views.names()).containsExactly("quarantine", "queues");
    }
}
