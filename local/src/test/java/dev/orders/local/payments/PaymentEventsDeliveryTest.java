package dev.orders.local.payments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.OrderStatus;
import dev.orders.domain.testing.Fixtures.MutableClock;
import dev.orders.domain.testing.Payments;
import dev.orders.functions.payments.PaymentEventsHandler;
import dev.orders.local.lambda.FunctionSettings;
import dev.orders.local.queue.LocalQueues;
import dev.orders.local.queue.MappingSettings;
import dev.orders.local.queue.QueueSettings;
import dev.orders.local.queue.SqsEventSourceMapping;
import dev.orders.local.store.Database;
import dev.orders.local.store.Faults;
import dev.orders.local.store.Outbox;
import dev.orders.local.store.SqliteOrderStore;
import dev.orders.local.template.SamTemplate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PaymentEvents behind its real event source mapping, on the real store and queues, with the
 * template's settings and a clock the test moves (so visibility timeouts pass without waiting).
 */
class PaymentEventsDeliveryTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.atNoon();
    private Database db;
    private SqliteOrderStore store;
    private LocalQueues queues;
    private SqsEventSourceMapping mapping;
    private Duration visibility;

    @BeforeEach
    void open() {
        SamTemplate template = SamTemplate.bundled();
        db = new Database(dir.resolve("orders.db"));
        store = new SqliteOrderStore(db, new Outbox(db), Faults.none());
        queues = new LocalQueues(db, clock).declareAll(template);
        visibility = queues.settings("PaymentEventsQueue").visibilityTimeout();
        MappingSettings settings = MappingSettings.from(template, "PaymentEventsFunction");
        // no batching window: the test's clock does not move by itself
        mapping = new SqsEventSourceMapping(
                queues,
                new MappingSettings(
                        settings.queue(),
                        settings.batchSize(),
                        Duration.ZERO,
                        settings.maximumConcurrency(),
                        settings.reportBatchItemFailures()),
                FunctionSettings.from(template, "PaymentEventsFunction"),
                new PaymentEventsHandler(store, queues.sender("PaymentEventsDlq"), clock),
                clock,
                SqsEventSourceMapping.Timing.DEFAULT);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void send(String id, String type, String orderId, String amount) {
        queues.send("PaymentEventsQueue", PaymentsEndToEndTest.event(id, type, orderId, amount), Map.of());
    }

    private OrderStatus status(String orderId) {
        return store.findOrder(new OrderId(orderId)).orElseThrow().status();
    }

    private void drain() throws InterruptedException {
        while (mapping.pollOnce()) {
            // until nothing is visible
        }
    }

    @Test
    void a_payment_that_arrives_before_its_order_is_retried_and_applies_once_the_order_exists() throws Exception {
        send("evt_early", "payment.succeeded", "o-early", "30.00");
        drain();
        assertThat(mapping.stats().itemFailures()).isEqualTo(1);
        Payments.acceptedOrder(store, clock, "o-early");
        clock.advance(visibility);
        drain();
        assertThat(status("o-early")).isEqualTo(OrderStatus.PAID);
        assertThat(queues.counts("PaymentEventsQueue")).isEqualTo(new LocalQueues.Counts(0, 0));
    }

    @Test
    void a_failure_that_arrives_after_the_success_is_ignored_and_duplicates_have_no_second_effect() throws Exception {
        Payments.acceptedOrder(store, clock, "o-1");
        send("evt_ok", "payment.succeeded", "o-1", "30.00");
        send("evt_ok", "payment.succeeded", "o-1", "30.00");
        drain();
        send("evt_late_failure", "payment.failed", "o-1", "30.00");
        send("evt_ok", "payment.succeeded", "o-1", "30.00");
        drain();
        assertThat(status("o-1")).isEqualTo(OrderStatus.PAID);
        assertThat(store.findOrder(new OrderId("o-1")).orElseThrow().version()).isEqualTo(2);
        assertThat(mapping.stats().itemFailures()).isZero();
        assertThat(queues.counts("PaymentEventsQueue")).isEqualTo(new LocalQueues.Counts(0, 0));
    }

    @Test
    void an_amount_mismatch_is_in_the_dlq_with_its_reason_after_one_receive() throws Exception {
        Payments.acceptedOrder(store, clock, "o-1");
        send("evt_short", "payment.succeeded", "o-1", "3.00");
        drain();
        assertThat(queues.counts("PaymentEventsDlq")).isEqualTo(new LocalQueues.Counts(1, 0));
        assertThat(queues.peek("PaymentEventsDlq", 10).getFirst().attributes().get("RejectionReason"))
                .isEqualTo("amount 3.00 EUR does not match the order total 30.00 EUR");
        assertThat(status("o-1")).isEqualTo(OrderStatus.ACCEPTED);
    }

    @Test
    void a_payment_for_an_order_that_never_appears_is_redriven_after_the_templates_max_receive_count()
            throws Exception {
        QueueSettings settings = queues.settings("PaymentEventsQueue");
        send("evt_orphan", "payment.succeeded", "o-never", "30.00");
        for (int receive = 1; receive <= settings.maxReceiveCount(); receive++) {
            drain();
            clock.advance(visibility);
        }
        drain();
        assertThat(mapping.stats().itemFailures()).isEqualTo(settings.maxReceiveCount());
        assertThat(queues.counts("PaymentEventsDlq")).isEqualTo(new LocalQueues.Counts(1, 0));
    }
}
