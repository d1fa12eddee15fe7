package dev.orders.local.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.domain.testing.Fixtures.MutableClock;
import dev.orders.local.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalQueuesTest {

    static final Duration VISIBILITY = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.atNoon();
    private Database db;

    private LocalQueues open() {
        db = new Database(dir.resolve("orders.db"));
        return new LocalQueues(db, clock)
                .declare(QueueSettings.of("dlq", VISIBILITY))
                .declare(new QueueSettings("work", VISIBILITY, Optional.of("dlq"), 2));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void a_received_message_is_hidden_until_its_visibility_timeout_ends_then_comes_back_with_a_higher_receive_count() {
        LocalQueues queues = open();
        String id = queues.send("work", "hello", Map.of("k", "v"));
        QueueMessage first = queues.receive("work", 10).getFirst();
        assertThat(first.messageId()).isEqualTo(id);
        assertThat(first.receiveCount()).isEqualTo(1);
        assertThat(first.attributes()).containsEntry("k", "v");
        assertThat(queues.counts("work")).isEqualTo(new LocalQueues.Counts(0, 1));

        clock.advance(VISIBILITY.minusMillis(1));
        assertThat(queues.receive("work", 10)).isEmpty();
        clock.advance(Duration.ofMillis(1));
        QueueMessage second = queues.receive("work", 10).getFirst();
        assertThat(second.receiveCount()).isEqualTo(2);
        assertThat(second.receiptHandle()).isNotEqualTo(first.receiptHandle());
        assertThat(second.firstReceivedAt()).isEqualTo(first.firstReceivedAt());
    }

    @Test
    void only_the_latest_receipt_handle_deletes() {
        LocalQueues queues = open();
        queues.send("work", "hello", Map.of());
        QueueMessage first = queues.receive("work", 1).getFirst();
        clock.advance(VISIBILITY);
        QueueMessage second = queues.receive("work", 1).getFirst();
        assertThat(queues.delete("work", first.receiptHandle())).isFalse();
        assertThat(queues.delete("work", second.receiptHandle())).isTrue();
        assertThat(queues.queueOf(second.messageId())).isEmpty();
    }

    @Test
    void a_message_received_more_than_max_receive_count_times_moves_to_the_dead_letter_queue() {
        LocalQueues queues = open();
        String id = queues.send("work", "poison", Map.of());
        for (int receive = 1; receive <= 2; receive++) {
            assertThat(queues.receive("work", 10))
                    .extracting(QueueMessage::receiveCount)
                    .containsExactly(receive);
            clock.advance(VISIBILITY);
        }
        assertThat(queues.receive("work", 10)).isEmpty();
        assertThat(queues.queueOf(id)).contains("dlq");
        List<QueueMessage> dead = queues.receive("dlq", 10);
        assertThat(dead)
                .extracting(QueueMessage::messageId, QueueMessage::body, QueueMessage::receiveCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(id, "poison", 1));
    }

    @Test
    void a_sent_message_is_still_there_after_the_database_is_reopened() {
        LocalQueues queues = open();
        String id = queues.send("work", "durable", Map.of());
        db.close();
        LocalQueues reopened = open();
        assertThat(reopened.receive("work", 10))
                .extracting(QueueMessage::messageId)
                .containsExactly(id);
    }

    @Test
    void a_visibility_change_makes_the_message_visible_after_the_new_timeout() {
        LocalQueues queues = open();
        queues.send("work", "hello", Map.of());
        QueueMessage m = queues.receive("work", 1).getFirst();
        assertThat(queues.changeVisibility("work", m.receiptHandle(), Duration.ZERO))
                .isTrue();
        assertThat(queues.receive("work", 1)).hasSize(1);
    }

    @Test
    void messages_of_the_former_destination_table_become_messages_of_their_queues_once() {
        db = new Database(dir.resolve("orders.db"));
        db.schema("""
                CREATE TABLE destination_messages (
                  id INTEGER PRIMARY KEY AUTOINCREMENT, queue TEXT NOT NULL, sent_at TEXT NOT NULL, body TEXT NOT NULL)""");
        db.update(
                "INSERT INTO destination_messages (queue, sent_at, body) VALUES (?, ?, ?)",
                "dlq",
                "2026-11-27T12:00:00.250Z",
                "{\"a\":1}");
        db.update(
                "INSERT INTO destination_messages (queue, sent_at, body) VALUES (?, ?, ?)",
                "dlq",
                "2026-11-27T12:00:01Z",
                "{\"a\":2}");
        db.close();

        LocalQueues queues = open();
        assertThat(queues.peek("dlq", 10)).extracting(StoredMessage::body).containsExactly("{\"a\":1}", "{\"a\":2}");
        assertThat(queues.peek("dlq", 10).getFirst().sentAt())
                .isEqualTo(java.time.Instant.parse("2026-11-27T12:00:00.250Z"));
        assertThat(db.queryFirst("SELECT 1 FROM sqlite_master WHERE name = 'destination_messages'", rs -> true))
                .isEmpty();
        db.close();
        assertThat(open().counts("dlq").depth())
                .as("adopted once, not again on the next start")
                .isEqualTo(2);
    }
}
