package dev.orders.domain.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.domain.order.Dimensions;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderEventType;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.ReceiptStatus;
import dev.orders.domain.placing.AcceptingOrders;
import dev.orders.domain.placing.PlacingOrderPolicy;
import dev.orders.domain.receipts.AttachingReceipts.Outcome;
import dev.orders.domain.receipts.AttachingReceipts.Upload;
import dev.orders.domain.receipts.AttachingReceipts.Verdict;
import dev.orders.domain.testing.Fixtures;
import dev.orders.domain.testing.InMemoryOrderStore;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttachingReceiptsTest {

    private static final Instant NOON = Instant.parse("2026-11-27T12:00:00Z");
    private static final Verdict ACCEPTED = new Verdict.Accepted(new Dimensions(1200, 1600), "ab".repeat(32));

    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final AttachingReceipts attaching = new AttachingReceipts(store);
    private final OrderId orderId = placeOrder();

    @Test
    void an_accepted_upload_is_attached_and_announced_once() {
        Outcome outcome = attaching.record(upload("r1", "\"e1\""), ACCEPTED, NOON);

        assertThat(outcome).isInstanceOf(Outcome.Attached.class);
        Order order = store.findOrder(orderId).orElseThrow();
        assertThat(order.receipts()).singleElement().satisfies(receipt -> {
            assertThat(receipt.status()).isEqualTo(ReceiptStatus.ATTACHED);
            assertThat(receipt.thumbnailKey()).contains("thumbnails/" + orderId + "/r1.jpg");
            assertThat(receipt.dimensions()).contains(new Dimensions(1200, 1600));
        });
        assertThat(receiptEvents()).isEqualTo(1);
    }

    @Test
    void the_same_upload_delivered_twice_makes_one_receipt_and_one_event() {
        attaching.record(upload("r1", "\"e1\""), ACCEPTED, NOON);

        assertThat(attaching.recorded(upload("r1", "\"e1\""))).isPresent();
        assertThat(attaching.record(upload("r1", "\"e1\""), ACCEPTED, NOON.plusSeconds(5)))
                .isInstanceOf(Outcome.AlreadyRecorded.class);
        assertThat(store.findOrder(orderId).orElseThrow().receipts()).hasSize(1);
        assertThat(receiptEvents()).isEqualTo(1);
    }

    @Test
    void a_new_upload_to_the_same_key_replaces_the_receipt_and_is_announced_as_a_new_upload() {
        attaching.record(upload("r1", "\"e1\""), ACCEPTED, NOON);

        assertThat(attaching.recorded(upload("r1", "\"e2\""))).isEmpty();
        assertThat(attaching.record(upload("r1", "\"e2\""), ACCEPTED, NOON)).isInstanceOf(Outcome.Attached.class);
        assertThat(store.findOrder(orderId).orElseThrow().receipts())
                .singleElement()
                .extracting(r -> r.etag())
                .isEqualTo("\"e2\"");
        assertThat(receiptEvents()).isEqualTo(2);
    }

    @Test
    void a_rejected_upload_is_shown_on_the_order_with_its_reason_and_announces_nothing() {
        Rejection bomb = new Rejection(Rejection.Code.TOO_MANY_PIXELS, "50000 x 50000");
        Outcome outcome = attaching.record(
                upload("r2", "\"e\""), new Verdict.Rejected(bomb, Optional.of(new Dimensions(50_000, 50_000))), NOON);

        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        assertThat(store.findOrder(orderId).orElseThrow().receipt("r2")).hasValueSatisfying(receipt -> {
            assertThat(receipt.status()).isEqualTo(ReceiptStatus.REJECTED);
            assertThat(receipt.rejection()).contains("too-many-pixels: 50000 x 50000");
            assertThat(receipt.thumbnailKey()).isEmpty();
        });
        assertThat(receiptEvents()).isZero();
        assertThat(attaching.record(upload("r2", "\"e\""), new Verdict.Rejected(bomb, Optional.empty()), NOON))
                .isInstanceOf(Outcome.AlreadyRecorded.class);
    }

    @Test
    void an_upload_for_an_order_that_does_not_exist_is_reported_and_nothing_is_written() {
        Upload ghost = new Upload(new ReceiptKey(new OrderId("ghost"), "r1"), "\"e\"", 10);

        assertThat(attaching.record(ghost, ACCEPTED, NOON)).isInstanceOf(Outcome.UnknownOrder.class);
        assertThat(store.orderCount()).isEqualTo(1);
    }

    @Test
    void an_order_holds_at_most_twenty_receipts_and_the_next_upload_is_not_recorded() {
        for (int i = 0; i < ReceiptPolicy.MAX_RECEIPTS; i++) {
            attaching.record(upload("r" + i, "\"e\""), ACCEPTED, NOON);
        }

        assertThat(attaching.record(upload("one-more", "\"e\""), ACCEPTED, NOON))
                .isInstanceOf(Outcome.TooMany.class);
        assertThat(attaching.record(upload("r3", "\"e2\""), ACCEPTED, NOON)).isInstanceOf(Outcome.Attached.class);
        assertThat(store.findOrder(orderId).orElseThrow().receipts()).hasSize(ReceiptPolicy.MAX_RECEIPTS);
    }

    private Upload upload(String receiptId, String etag) {
        return new Upload(new ReceiptKey(orderId, receiptId), etag, 123_456);
    }

    private long receiptEvents() {
        return store.outbox().stream()
                .filter(e -> e.type() == OrderEventType.RECEIPT_ATTACHED)
                .count();
    }

    private OrderId placeOrder() {
        var command = ((PlacingOrderPolicy.Verdict.Valid)
                        PlacingOrderPolicy.check(Fixtures.twoLineDraft(), Fixtures.alice(), Fixtures.key("k")))
                .command();
        return ((AcceptingOrders.Outcome.Accepted)
                        new AcceptingOrders(store, Fixtures.MutableClock.atNoon(), Fixtures.sequentialIds("order-"))
                                .accept(command))
                .order()
                .id();
    }
}
