package dev.orders.local.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.payments.WebhookSignature;
import dev.orders.functions.shared.Json;
import dev.orders.local.LocalPlatform;
import dev.orders.local.bus.BusEvent;
import dev.orders.local.queue.QueueTarget;
import dev.orders.local.store.Faults;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** P2 and P6 through the running platform: HTTP in, queues, functions, bus, mailbox out. */
class PaymentsEndToEndTest {

    @TempDir
    static Path data;

    static LocalPlatform platform;
    static String secret;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        platform = LocalPlatform.open(data, Faults.none()).start(0);
        secret = LocalPaymentSecrets.load(data).current();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String placeOrder(String orderId) throws Exception {
        String token = LocalPlatform.issuer(data).token("alice", Duration.ofMinutes(5));
        String body = "{\"orderId\":\"" + orderId + "\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":2,"
                + "\"unitPrice\":{\"amount\":\"12.50\",\"currency\":\"EUR\"}}]}";
        var response = send(HttpRequest.newBuilder(URI.create(platform.url() + "/orders"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "key-" + orderId)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).isEqualTo(202);
        return orderId;
    }

    static String event(String id, String type, String orderId, String amount) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"created\":1764244800,\"data\":{\"orderId\":\""
                + orderId + "\",\"paymentId\":\"pay_" + id + "\",\"amount\":\"" + amount + "\",\"currency\":\"EUR\"}}";
    }

    private static HttpResponse<String> callback(String body, String signature) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(platform.url() + "/payments/callbacks/acmepay"))
                .header("Content-Type", "application/json")
                .header("Payment-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String sign(String body, Instant at) {
        return WebhookSignature.sign(secret, at, body.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode localJson(String path) throws Exception {
        return Json.internal()
                .readTree(send(HttpRequest.newBuilder(URI.create(platform.url() + path)))
                        .body());
    }

    private static String status(String orderId) throws Exception {
        return localJson("/_local/order-total?orderId=" + orderId)
                .path("status")
                .asText();
    }

    private static JsonNode queue(String name) throws Exception {
        for (JsonNode q : localJson("/_local/queues").path("queues")) {
            if (q.path("name").asText().equals(name)) {
                return q;
            }
        }
        throw new AssertionError("no queue " + name);
    }

    private static List<Path> mails(String orderId) throws Exception {
        Path mailbox = data.resolve("mailbox");
        if (!Files.isDirectory(mailbox)) {
            return List.of();
        }
        try (var files = Files.list(mailbox)) {
            return files.filter(f -> f.getFileName().toString().startsWith(orderId + "."))
                    .toList();
        }
    }

    private static void await(Callable<Boolean> condition) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(condition);
    }

    /** Every message sent to the queue so far has been processed: none visible, none in flight. */
    private static void awaitDrained(String queue) {
        await(() -> queue(queue).path("visible").asLong()
                        + queue(queue).path("inFlight").asLong()
                == 0);
    }

    @Test
    void a_paid_order_reads_paid_with_one_order_paid_event_and_one_mail_and_a_replay_changes_nothing()
            throws Exception {
        String orderId = placeOrder("e2e-paid");
        String body = event("evt_paid_1", "payment.succeeded", orderId, "25.00");
        String signature = sign(body, Instant.now());
        assertThat(callback(body, signature).statusCode()).isEqualTo(202);
        await(() -> status(orderId).equals("PAID"));
        await(() -> mails(orderId).size() == 1);

        assertThat(callback(body, signature).statusCode()).isEqualTo(202);
        assertThat(callback(
                                event("evt_paid_2", "payment.failed", orderId, "25.00"),
                                sign(event("evt_paid_2", "payment.failed", orderId, "25.00"), Instant.now()))
                        .statusCode())
                .isEqualTo(202);
        awaitDrained("PaymentEventsQueue");

        // EventBridge delivers at least once: the same event reaching the notifications queue again sends no second
        // mail
        JsonNode paid = eventsFor(orderId, "OrderPaid").getFirst();
        new QueueTarget(platform.queues(), "NotificationsQueue")
                .deliver(new BusEvent(
                        paid.get("id").asText(),
                        "orders",
                        "OrderPaid",
                        Instant.parse(paid.get("time").asText()),
                        paid.get("detail")));
        awaitDrained("NotificationsQueue");

        assertThat(status(orderId)).isEqualTo("PAID");
        assertThat(eventsFor(orderId, "OrderPaid")).hasSize(1);
        assertThat(eventsFor(orderId, "OrderPaymentFailed")).isEmpty();
        assertThat(mails(orderId))
                .singleElement()
                .satisfies(mail -> assertThat(Files.readString(mail)).contains("Payment received"));
    }

    @Test
    void tampered_stale_and_future_callbacks_are_refused_and_change_nothing() throws Exception {
        String orderId = placeOrder("e2e-refused");
        String body = event("evt_refused", "payment.succeeded", orderId, "25.00");
        String tampered = body.replace("25.00", "0.01");
        assertThat(callback(tampered, sign(body, Instant.now())).statusCode()).isEqualTo(401);
        assertThat(callback(body, sign(body, Instant.now().minusSeconds(301))).statusCode())
                .isEqualTo(401);
        // a minute beyond the 300 s tolerance: the check runs after the signing, later still on a loaded machine
        assertThat(callback(body, sign(body, Instant.now().plusSeconds(360))).statusCode())
                .isEqualTo(401);
        var unsigned = send(HttpRequest.newBuilder(URI.create(platform.url() + "/payments/callbacks/acmepay"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(unsigned.statusCode()).isEqualTo(400);
        assertThat(unsigned.headers().firstValue("Content-Type")).contains("application/problem+json");
        // Had a refused callback been enqueued, it would be processed by the time the queue drains: only then is
        // absence proof.
        awaitDrained("PaymentEventsQueue");
        assertThat(status(orderId)).isEqualTo("ACCEPTED");
        assertThat(platform.queues().peek("PaymentEventsQueue", 100))
                .noneMatch(m -> m.body().contains("evt_refused"));
        assertThat(platform.queues().peek("PaymentEventsDlq", 100))
                .noneMatch(m -> m.body().contains("evt_refused"));
    }

    @Test
    void an_amount_mismatch_lands_in_the_dead_letter_queue_with_its_reason() throws Exception {
        String orderId = placeOrder("e2e-mismatch");
        String body = event("evt_mismatch", "payment.succeeded", orderId, "24.99");
        assertThat(callback(body, sign(body, Instant.now())).statusCode()).isEqualTo(202);
        await(() -> localJson("/_local/queues?peek=PaymentEventsDlq").toString().contains("evt_mismatch"));
        JsonNode dlq = queue("PaymentEventsDlq");
        assertThat(queue("PaymentEventsQueue").path("deadLetterMessages").asLong())
                .isGreaterThanOrEqualTo(1);
        JsonNode rejected = null;
        for (JsonNode m : localJson("/_local/queues?peek=PaymentEventsDlq").path("queues")) {
            if (m.path("name").asText().equals("PaymentEventsDlq")) {
                for (JsonNode message : m.path("messages")) {
                    if (message.path("body").asText().contains("evt_mismatch")) {
                        rejected = message;
                    }
                }
            }
        }
        assertThat(dlq.path("visible").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(rejected).isNotNull();
        assertThat(rejected.path("attributes").path("RejectionReason").asText())
                .isEqualTo("amount 24.99 EUR does not match the order total 25.00 EUR");
        assertThat(status(orderId)).isEqualTo("ACCEPTED");
    }

    private static List<JsonNode> eventsFor(String orderId, String detailType) throws Exception {
        List<JsonNode> events = new java.util.ArrayList<>();
        for (JsonNode e : localJson("/_local/events?detail-type=" + detailType)) {
            if (e.path("detail").path("orderId").asText().equals(orderId)) {
                events.add(e);
            }
        }
        return events;
    }
}
