package dev.orders.functions.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.domain.order.Dimensions;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderEventType;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.Receipt;
import dev.orders.domain.order.ReceiptStatus;
import dev.orders.domain.placing.AcceptingOrders;
import dev.orders.domain.placing.PlacingOrderPolicy;
import dev.orders.domain.testing.Fixtures;
import dev.orders.domain.testing.InMemoryOrderStore;
import dev.orders.functions.testing.TestContext;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiptsHandlerTest {

    @TempDir
    Path tmp;

    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final InMemoryReceiptObjects bucket = new InMemoryReceiptObjects();
    private final TestContext context = new TestContext("ReceiptsFunction");
    private final OrderId orderId = placeOrder();

    private ScratchSpace scratch() {
        return new ScratchSpace(tmp.resolve("receipts"), 512L * 1024 * 1024);
    }

    private ReceiptsHandler handler(ScratchSpace scratch) {
        return new ReceiptsHandler(store, bucket, scratch, Fixtures.MutableClock.atNoon());
    }

    /** Uploads {@code body} as receipt {@code receiptId} and delivers S3's notification of it once. */
    private String deliver(ReceiptsHandler handler, String receiptId, byte[] body, String contentType) {
        String key = "receipts/" + orderId + "/" + receiptId;
        String etag = bucket.upload(key, body, contentType);
        handler.handleRequest(ReceiptEvents.created(key, body.length, etag), context.next());
        return key;
    }

    @Test
    void a_real_jpeg_becomes_a_receipt_with_its_size_dimensions_sha256_and_thumbnail() throws Exception {
        byte[] jpeg = ReceiptImages.jpeg(1200, 1600);

        deliver(handler(scratch()), "r1", jpeg, "image/jpeg");

        Receipt receipt = order().receipt("r1").orElseThrow();
        assertThat(receipt.status()).isEqualTo(ReceiptStatus.ATTACHED);
        assertThat(receipt.size()).isEqualTo(jpeg.length);
        assertThat(receipt.dimensions()).contains(new Dimensions(1200, 1600));
        assertThat(receipt.sha256())
                .contains(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(jpeg)));
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(
                bucket.get("thumbnails/" + orderId + "/r1.jpg").orElseThrow().body()));
        assertThat(thumbnail.getWidth()).isEqualTo(192);
        assertThat(thumbnail.getHeight()).isEqualTo(256);
        assertThat(receiptEvents()).isEqualTo(1);
    }

    @Test
    void a_png_with_transparency_is_accepted_too() {
        deliver(handler(scratch()), "r1", ReceiptImages.png(300, 100), "image/png");

        assertThat(order().receipt("r1").orElseThrow().dimensions()).contains(new Dimensions(300, 100));
        assertThat(bucket.get("thumbnails/" + orderId + "/r1.jpg")).isPresent();
    }

    @Test
    void the_same_upload_delivered_twice_makes_one_receipt_attached() {
        ReceiptsHandler handler = handler(scratch());
        byte[] jpeg = ReceiptImages.jpeg(400, 300);
        String key = "receipts/" + orderId + "/r1";
        String etag = bucket.upload(key, jpeg, "image/jpeg");

        handler.handleRequest(ReceiptEvents.created(key, jpeg.length, etag), context.next());
        handler.handleRequest(ReceiptEvents.created(key, jpeg.length, etag), context.next());

        assertThat(order().receipts()).hasSize(1);
        assertThat(receiptEvents()).isEqualTo(1);
    }

    @Test
    void a_png_bomb_is_quarantined_without_being_decoded() {
        byte[] bomb = ReceiptImages.pngBomb(50_000, 50_000);
        assertThat(bomb.length).isLessThan(1024);

        String key = deliver(handler(scratch()), "bomb", bomb, "image/png");

        assertRejected(key, "bomb", "too-many-pixels: 50000 x 50000 is 2500000000 pixels, more than 40000000");
        assertThat(order().receipt("bomb").orElseThrow().dimensions()).contains(new Dimensions(50_000, 50_000));
    }

    @Test
    void a_jpeg_named_png_is_quarantined() {
        String key = deliver(handler(scratch()), "named", ReceiptImages.jpeg(100, 100), "image/png");

        assertRejected(key, "named", "content-type-mismatch: declared 'image/png', the content is JPEG");
    }

    @Test
    void a_truncated_jpeg_is_quarantined() {
        String key = deliver(handler(scratch()), "cut", ReceiptImages.truncatedJpeg(), "image/jpeg");

        assertThat(order().receipt("cut").orElseThrow().rejection().orElseThrow())
                .startsWith("unreadable: ");
        assertThat(bucket.get(key)).isEmpty();
        assertThat(bucket.get("quarantine/" + key).orElseThrow().metadata())
                .containsEntry("rejection-code", "unreadable");
    }

    @Test
    void a_zero_byte_object_is_quarantined() {
        String key = deliver(handler(scratch()), "empty", new byte[0], "image/jpeg");

        assertRejected(key, "empty", "empty: the object has no bytes");
    }

    @Test
    void text_is_quarantined_whatever_it_is_called() {
        String key = deliver(handler(scratch()), "text", "not a receipt".getBytes(), "image/jpeg");

        assertRejected(key, "text", "not-an-image: the content is neither JPEG nor PNG");
    }

    @Test
    void an_upload_for_an_order_that_does_not_exist_is_quarantined_and_no_order_appears() {
        ReceiptsHandler handler = handler(scratch());
        byte[] jpeg = ReceiptImages.jpeg(10, 10);
        String etag = bucket.upload("receipts/ghost/r1", jpeg, "image/jpeg");

        handler.handleRequest(ReceiptEvents.created("receipts/ghost/r1", jpeg.length, etag), context.next());

        assertThat(bucket.get("quarantine/receipts/ghost/r1").orElseThrow().metadata())
                .containsEntry("rejection-code", "unknown-order");
        assertThat(store.orderCount()).isEqualTo(1);
    }

    @Test
    void a_redelivered_rejection_finishes_a_move_that_was_cut_short() {
        ReceiptsHandler handler = handler(scratch());
        byte[] text = "text".getBytes();
        String key = "receipts/" + orderId + "/r1";
        String etag = bucket.upload(key, text, "image/jpeg");
        InMemoryReceiptObjects.StoredObject original = bucket.get(key).orElseThrow();
        // the first delivery records the rejection, then the move fails
        ReceiptsHandler recordsThenFails =
                new ReceiptsHandler(store, new FailingQuarantine(bucket), scratch(), Fixtures.MutableClock.atNoon());
        assertThatThrownBy(() ->
                        recordsThenFails.handleRequest(ReceiptEvents.created(key, text.length, etag), context.next()))
                .isInstanceOf(RuntimeException.class);
        assertThat(bucket.get(key)).contains(original);

        handler.handleRequest(ReceiptEvents.created(key, text.length, etag), context.next());

        assertThat(bucket.get(key)).isEmpty();
        assertThat(bucket.get("quarantine/" + key)).isPresent();
        assertThat(order().receipts()).hasSize(1);
    }

    @Test
    void a_failing_bucket_fails_the_invocation_so_lambda_retries_it_and_records_nothing() {
        ReceiptsHandler handler = handler(scratch());
        byte[] jpeg = ReceiptImages.jpeg(50, 50);
        String key = "receipts/" + orderId + "/r1";
        String etag = bucket.upload(key, jpeg, "image/jpeg");
        bucket.failNext(1);

        assertThatThrownBy(() -> handler.handleRequest(ReceiptEvents.created(key, jpeg.length, etag), context.next()))
                .hasRootCauseMessage("the bucket is unavailable (injected)");
        assertThat(order().receipts()).isEmpty();

        handler.handleRequest(ReceiptEvents.created(key, jpeg.length, etag), context.next());
        assertThat(order().receipt("r1").map(Receipt::status)).contains(ReceiptStatus.ATTACHED);
    }

    @Test
    void an_upload_that_does_not_fit_the_ephemeral_storage_fails_before_a_byte_is_written() throws IOException {
        ScratchSpace tiny = new ScratchSpace(tmp.resolve("receipts"), 64 * 1024);
        byte[] jpeg = ReceiptImages.jpeg(800, 600);
        String key = "receipts/" + orderId + "/r1";
        String etag = bucket.upload(key, jpeg, "image/jpeg");

        assertThatThrownBy(() ->
                        handler(tiny).handleRequest(ReceiptEvents.created(key, jpeg.length, etag), context.next()))
                .hasMessageContaining("ephemeral storage is full");
        assertThat(order().receipts()).isEmpty();
        assertThat(tiny.used()).isZero();
    }

    @Test
    void two_environments_on_one_root_neither_remove_nor_count_each_others_files() throws IOException {
        ScratchSpace first = new ScratchSpace(tmp.resolve("shared"), 1024 * 1024);
        ScratchSpace second = new ScratchSpace(tmp.resolve("shared"), 1024 * 1024);
        try (ScratchSpace.Invocation running = first.open("req-1")) {
            Files.writeString(running.file("upload"), "in flight");

            second.open("req-2").close();

            assertThat(running.file("upload")).hasContent("in flight");
            assertThat(second.used()).isZero();
            assertThat(first.used()).isEqualTo(9);
        }
    }

    @Test
    void a_newer_upload_to_the_same_key_makes_the_older_notification_a_no_op() {
        ReceiptsHandler handler = handler(scratch());
        String key = "receipts/" + orderId + "/r1";
        byte[] first = ReceiptImages.jpeg(10, 10);
        String oldEtag = bucket.upload(key, first, "image/jpeg");
        bucket.upload(key, ReceiptImages.jpeg(20, 20), "image/jpeg");

        handler.handleRequest(ReceiptEvents.created(key, first.length, oldEtag), context.next());

        assertThat(order().receipts()).isEmpty();
    }

    @Test
    void five_hundred_uploads_of_every_kind_leave_the_scratch_directory_as_empty_as_it_started() throws IOException {
        ScratchSpace scratch = scratch();
        ReceiptsHandler handler = handler(scratch);
        byte[][] kinds = {
            ReceiptImages.jpeg(64, 48),
            ReceiptImages.png(30, 40),
            ReceiptImages.pngBomb(50_000, 50_000),
            ReceiptImages.truncatedJpeg(),
            new byte[0],
            "plain text".getBytes()
        };
        String[] types = {"image/jpeg", "image/png", "image/png", "image/jpeg", "image/jpeg", "text/plain"};

        for (int i = 0; i < 500; i++) {
            int kind = i % kinds.length;
            if (i % 7 == 0) {
                bucket.failNext(1);
            }
            String key = "receipts/" + orderId + "/u" + i;
            String etag = bucket.upload(key, kinds[kind], types[kind]);
            try {
                handler.handleRequest(ReceiptEvents.created(key, kinds[kind].length, etag), context.next());
            } catch (RuntimeException transientFailure) {
                // retried by Lambda in AWS; what matters here is what it left behind
            }
        }

        assertThat(entries(scratch.root())).isEmpty();
        assertThat(scratch.used()).isZero();
    }

    @Test
    void what_an_invocation_that_never_finished_left_behind_is_removed_by_the_next_one_in_its_environment()
            throws IOException {
        ScratchSpace scratch = scratch();
        Path abandoned = Files.createDirectories(scratch.root().resolve("timed-out-request"));
        Files.write(abandoned.resolve("upload"), new byte[4096]);

        deliver(handler(scratch), "r1", ReceiptImages.jpeg(10, 10), "image/jpeg");

        assertThat(entries(scratch.root())).isEmpty();
    }

    private void assertRejected(String key, String receiptId, String reason) {
        Receipt receipt = order().receipt(receiptId).orElseThrow();
        assertThat(receipt.status()).isEqualTo(ReceiptStatus.REJECTED);
        assertThat(receipt.rejection()).contains(reason);
        assertThat(bucket.get(key)).isEmpty();
        assertThat(bucket.get("quarantine/" + key).orElseThrow().metadata()).containsEntry("rejection-reason", reason);
        assertThat(receiptEvents()).isZero();
    }

    private static java.util.List<Path> entries(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return java.util.List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    private Order order() {
        return store.findOrder(orderId).orElseThrow();
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

    /** The bucket, whose quarantine move fails (after the rejection was recorded on the order). */
    private record FailingQuarantine(InMemoryReceiptObjects bucket) implements ReceiptObjects {
        @Override
        public java.util.Optional<Stored> download(String key, String etag, Path target) throws IOException {
            return bucket.download(key, etag, target);
        }

        @Override
        public void put(String key, Path file, String contentType) throws IOException {
            bucket.put(key, file, contentType);
        }

        @Override
        public void quarantine(String key, String etag, String quarantineKey, java.util.Map<String, String> metadata)
                throws IOException {
            throw new IOException("the copy failed");
        }
    }
}
