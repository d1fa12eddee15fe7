package dev.orders.functions.api;

import static dev.orders.functions.api.ApiEvents.BODY;
import static dev.orders.functions.api.ApiEvents.event;
import static dev.orders.functions.api.ApiEvents.get;
import static dev.orders.functions.api.ApiEvents.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.domain.order.Dimensions;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.Receipt;
import dev.orders.domain.receipts.ReceiptPolicy;
import dev.orders.domain.testing.Fixtures.MutableClock;
import dev.orders.domain.testing.InMemoryOrderStore;
import dev.orders.functions.shared.Json;
import dev.orders.functions.shared.UploadLinks;
import dev.orders.functions.testing.TestContext;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** P4's API: an upload form for the caller's own order, and receipts with thumbnail links in the order's answer. */
class ReceiptUploadsTest {

    private final InMemoryOrderStore store = new InMemoryOrderStore();
    private final MutableClock clock = MutableClock.atNoon();
    private final RecordingLinks links = new RecordingLinks();
    private final OrderApiHandler handler = new OrderApiHandler(store, links, clock);

    @Test
    void the_owner_gets_a_presigned_post_for_one_new_receipt_key_bounded_in_size_and_type() throws Exception {
        String orderId = place("alice");

        APIGatewayProxyResponseEvent response = call(receipts("alice", orderId));

        assertThat(response.getStatusCode()).isEqualTo(201);
        JsonNode body = Json.internal().readTree(response.getBody());
        String receiptId = body.get("receiptId").asText();
        assertThat(links.forms).containsExactly("receipts/" + orderId + "/" + receiptId + " 1-10485760 image/ PT5M");
        assertThat(body.at("/upload/method").asText()).isEqualTo("POST");
        assertThat(body.at("/upload/url").asText()).isEqualTo("https://bucket.example/");
        assertThat(body.at("/upload/fields/key").asText()).isEqualTo("receipts/" + orderId + "/" + receiptId);
        assertThat(body.at("/upload/fileField").asText()).isEqualTo("file");
        assertThat(body.at("/upload/maxBytes").asLong()).isEqualTo(ReceiptPolicy.MAX_BYTES);
        assertThat(body.at("/upload/contentTypes").toString()).isEqualTo("[\"image/jpeg\",\"image/png\"]");
    }

    @Test
    void each_form_is_for_a_new_receipt_id() throws Exception {
        String orderId = place("alice");

        String first = Json.internal()
                .readTree(call(receipts("alice", orderId)).getBody())
                .get("receiptId")
                .asText();
        String second = Json.internal()
                .readTree(call(receipts("alice", orderId)).getBody())
                .get("receiptId")
                .asText();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void another_customers_order_and_an_order_that_does_not_exist_are_the_same_404() {
        String orderId = place("alice");

        assertThat(call(receipts("bob", orderId)).getStatusCode()).isEqualTo(404);
        assertThat(call(receipts("alice", "no-such-order")).getStatusCode()).isEqualTo(404);
        assertThat(call(receipts("alice", "../../etc")).getStatusCode()).isEqualTo(404);
        assertThat(links.forms).isEmpty();
    }

    @Test
    void without_a_token_the_answer_is_401_and_another_method_is_405() {
        String orderId = place("alice");

        assertThat(call(receipts(null, orderId)).getStatusCode()).isEqualTo(401);
        var getReceipts = event(
                "GET",
                "/orders/{orderId}/receipts",
                "/orders/" + orderId + "/receipts",
                Map.of("orderId", orderId),
                "alice",
                Map.of(),
                null);
        APIGatewayProxyResponseEvent wrongMethod = call(getReceipts);
        assertThat(wrongMethod.getStatusCode()).isEqualTo(405);
        assertThat(wrongMethod.getHeaders()).containsEntry("Allow", "POST");
    }

    @Test
    void an_order_with_twenty_receipts_gets_no_more_forms() {
        String orderId = place("alice");
        List<Receipt> twenty = new ArrayList<>();
        for (int i = 0; i < ReceiptPolicy.MAX_RECEIPTS; i++) {
            twenty.add(attached("r" + i, orderId));
        }
        storeReceipts(orderId, twenty);

        APIGatewayProxyResponseEvent response = call(receipts("alice", orderId));

        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(response.getBody()).contains("too-many-receipts");
    }

    @Test
    void the_order_lists_its_receipts_with_a_short_lived_thumbnail_link_and_rejections_with_their_reason()
            throws Exception {
        String orderId = place("alice");
        storeReceipts(
                orderId,
                List.of(
                        attached("r1", orderId),
                        Receipt.rejected(
                                "r2",
                                "receipts/" + orderId + "/r2",
                                "etag-2",
                                0,
                                Optional.empty(),
                                "empty: the object has no bytes",
                                clock.instant())));

        JsonNode receipts =
                Json.internal().readTree(call(get("alice", orderId)).getBody()).get("receipts");

        assertThat(receipts).hasSize(2);
        JsonNode attached = receipts.get(0);
        assertThat(attached.get("status").asText()).isEqualTo("ATTACHED");
        assertThat(attached.get("size").asLong()).isEqualTo(123_456);
        assertThat(attached.at("/dimensions/width").asInt()).isEqualTo(1200);
        assertThat(attached.get("sha256").asText()).hasSize(64);
        assertThat(attached.at("/thumbnail/url").asText())
                .isEqualTo("https://bucket.example/thumbnails/" + orderId + "/r1.jpg?signed");
        assertThat(attached.has("thumbnailKey")).isFalse();
        assertThat(links.downloads).containsExactly("thumbnails/" + orderId + "/r1.jpg PT5M");
        JsonNode rejected = receipts.get(1);
        assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.get("rejection").asText()).isEqualTo("empty: the object has no bytes");
        assertThat(rejected.has("thumbnail")).isFalse();
    }

    /** The order's next version with these receipts, as the Receipts function would have recorded them one by one. */
    private void storeReceipts(String orderId, List<Receipt> receipts) {
        Order o = store.findOrder(new OrderId(orderId)).orElseThrow();
        store.amend(
                new Order(
                        o.id(),
                        o.customerId(),
                        o.items(),
                        o.total(),
                        o.status(),
                        o.history(),
                        o.version() + 1,
                        o.contact(),
                        receipts),
                dev.orders.domain.advancing.DedupeId.receipt("all", "at-once"));
    }

    private Receipt attached(String receiptId, String orderId) {
        return Receipt.attached(
                receiptId,
                "receipts/" + orderId + "/" + receiptId,
                "etag-" + receiptId,
                123_456,
                new Dimensions(1200, 1600),
                "ab".repeat(32),
                "thumbnails/" + orderId + "/" + receiptId + ".jpg",
                clock.instant());
    }

    private String place(String customer) {
        try {
            return Json.internal()
                    .readTree(call(post(customer, "k-" + customer, BODY)).getBody())
                    .get("orderId")
                    .asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private APIGatewayProxyResponseEvent call(
            com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent event) {
        return handler.handleRequest(event, new TestContext("OrderApiFunction"));
    }

    private static com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent receipts(
            String caller, String orderId) {
        return event(
                "POST",
                "/orders/{orderId}/receipts",
                "/orders/" + orderId + "/receipts",
                Map.of("orderId", orderId),
                caller,
                Map.of(),
                null);
    }

    /** Signs nothing: records what was asked for and answers recognisable values. */
    private static final class RecordingLinks implements UploadLinks {
        final List<String> forms = new ArrayList<>();
        final List<String> downloads = new ArrayList<>();

        @Override
        public UploadForm uploadForm(
                String key, long minBytes, long maxBytes, String contentTypePrefix, Duration expiry) {
            forms.add(key + " " + minBytes + "-" + maxBytes + " " + contentTypePrefix + " " + expiry);
            return new UploadForm(
                    URI.create("https://bucket.example/"),
                    Map.of("key", key, "policy", "e30="),
                    Instant.parse("2026-11-27T12:05:00Z"));
        }

        @Override
        public Link download(String key, Duration expiry) {
            downloads.add(key + " " + expiry);
            return new Link(
                    URI.create("https://bucket.example/" + key + "?signed"), Instant.parse("2026-11-27T12:05:00Z"));
        }
    }
}
