package dev.orders.local.stream;

import static dev.orders.domain.testing.FulfillmentFixtures.placeAcceptedOrder;
import static dev.orders.domain.testing.FulfillmentFixtures.placePaidOrder;
import static dev.orders.domain.testing.FulfillmentFixtures.recordJson;
import static dev.orders.local.stream.PlatformProbe.archived;
import static dev.orders.local.stream.PlatformProbe.await;
import static dev.orders.local.stream.StreamTestKit.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.domain.advancing.DedupeId;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.OrderStatus;
import dev.orders.local.LocalPlatform;
import dev.orders.local.paths.FulfillmentPath;
import dev.orders.local.store.Faults;
import dev.orders.local.template.SamTemplate;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fulfillment needs payment, on the whole platform: a record for an unpaid order is held on the hold queue (not
 * blocking its shard), applied once a late payment arrives, or quarantined with its reason after the wait. The
 * template's hold timings are shortened (retry every second), as a deployment's would be read.
 */
class FulfillmentHoldPlatformTest {

    @TempDir
    Path dir;

    /** The bundled template with the hold function retrying every second and waiting {@code waitSeconds}. */
    static SamTemplate shortHold(int waitSeconds) {
        String text = SamTemplate.bundledText();
        int function = text.indexOf("  FulfillmentHoldFunction:");
        int end = text.indexOf("\n  NotificationsFunction:", function);
        String block = text.substring(function, end)
                .replace("Timeout: 10", "Timeout: 1")
                .replace("PAYMENT_WAIT_SECONDS: \"900\"", "PAYMENT_WAIT_SECONDS: \"" + waitSeconds + "\"");
        String shortened = text.substring(0, function) + block + text.substring(end);
        int queue = shortened.indexOf("  FulfillmentHoldQueue:");
        String before = shortened.substring(0, queue);
        String after = shortened.substring(queue).replaceFirst("VisibilityTimeout: 60", "VisibilityTimeout: 1");
        return SamTemplate.parse(before + after);
    }

    private static OrderStatus status(LocalPlatform platform, String orderId) {
        return platform.store().findOrder(new OrderId(orderId)).orElseThrow().status();
    }

    private static long held(LocalPlatform platform) {
        var counts = platform.queues().counts(FulfillmentPath.HOLD_QUEUE);
        return counts.visible() + counts.inFlight();
    }

    private static void put(LocalPlatform platform, String partitionKey, String json) {
        platform.fulfillment().stream().put(List.of(entry(json, partitionKey)));
    }

    @Test
    void a_record_before_its_payment_is_held_without_blocking_the_shard_and_ships_once_when_the_payment_comes()
            throws Exception {
        try (LocalPlatform platform =
                LocalPlatform.open(dir, Faults.none(), shortHold(60)).start(0)) {
            Order unpaid = placeAcceptedOrder(platform.store(), "o-late");
            placePaidOrder(platform.store(), "o-paid");
            // one partition key: both records on one shard, the unpaid order's first
            put(platform, "warehouse-1", recordJson("w-1", "o-late", "SHIPPED"));
            put(platform, "warehouse-1", recordJson("w-2", "o-paid", "SHIPPED"));

            await(
                    "the paid order behind the held record ships",
                    () -> status(platform, "o-paid") == OrderStatus.SHIPPED);
            await("the record is held", () -> held(platform) == 1);
            assertThat(status(platform, "o-late")).isEqualTo(OrderStatus.ACCEPTED);

            platform.store()
                    .update(
                            (Order.Change) unpaid.advance(OrderStatus.PAID, "pay-late", Instant.now()),
                            Optional.of(DedupeId.payment("pay-late")));

            await("the held record applies after the payment", () -> status(platform, "o-late") == OrderStatus.SHIPPED);
            await("the hold queue drains", () -> held(platform) == 0);
            await("the shipment is archived", () -> archived(platform, "o-late").contains("OrderShipped"));
            assertThat(archived(platform, "o-late")).containsExactly("OrderAccepted", "OrderPaid", "OrderShipped");
            assertThat(PlatformProbe.get(platform.url() + "/_local/quarantine")
                            .get("depth")
                            .asInt())
                    .isZero();
        }
    }

    @Test
    void a_record_for_an_order_never_paid_is_quarantined_with_its_reason_and_never_moves_the_order() throws Exception {
        try (LocalPlatform platform =
                LocalPlatform.open(dir, Faults.none(), shortHold(2)).start(0)) {
            placeAcceptedOrder(platform.store(), "o-never");
            put(platform, "o-never", recordJson("w-1", "o-never", "DELIVERED"));

            await("the record is quarantined", () -> quarantined(platform).size() == 1);
            JsonNode item = quarantined(platform).getFirst();
            assertThat(item.at("/body/reason").asText())
                    .startsWith("order-not-paid: order o-never is still ACCEPTED after 2 s");
            assertThat(item.at("/body/payloadText").asText()).isEqualTo(recordJson("w-1", "o-never", "DELIVERED"));
            await("the hold queue drains", () -> held(platform) == 0);
            assertThat(status(platform, "o-never")).isEqualTo(OrderStatus.ACCEPTED);
            assertThat(archived(platform, "o-never")).containsExactly("OrderAccepted");
        }
    }

    private static List<JsonNode> quarantined(LocalPlatform platform) {
        try {
            List<JsonNode> items = new java.util.ArrayList<>();
            PlatformProbe.get(platform.url() + "/_local/quarantine")
                    .path("messages")
                    .forEach(items::add);
            return items;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
