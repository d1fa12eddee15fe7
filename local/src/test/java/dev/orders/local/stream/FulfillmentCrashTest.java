package dev.orders.local.stream;

import static dev.orders.domain.testing.FulfillmentFixtures.placePaidOrder;
import static dev.orders.domain.testing.FulfillmentFixtures.recordJson;
import static dev.orders.local.stream.PlatformProbe.archived;
import static dev.orders.local.stream.PlatformProbe.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.OrderStatus;
import dev.orders.local.LocalPlatform;
import dev.orders.local.paths.FulfillmentPath;
import dev.orders.local.store.Faults;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash: {@code ./orders up} runs in a child JVM (this test's classpath) that halts, as kill -9
 * would, right after the handler commits the second record of a three-record batch and before the
 * mapping can checkpoint. The restarted runtime replays the batch from the last checkpoint.
 */
class FulfillmentCrashTest {

    @TempDir
    Path data;

    @Test
    void the_runtime_killed_mid_batch_loses_and_double_applies_nothing_after_restart() throws Exception {
        try (LocalPlatform setup = LocalPlatform.open(data, Faults.none())) {
            placePaidOrder(setup.store(), "o-crash");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(
                        java,
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-D" + Faults.CRASH_AFTER_COMMIT + "=OrderShipped",
                        "dev.orders.local.cli.Main",
                        "up",
                        "--port",
                        "0",
                        "--data",
                        data.toString())
                .redirectErrorStream(true)
                .start();
        List<String> output = new CopyOnWriteArrayList<>();
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                    if (line.startsWith("ready ")) {
                        ready.complete(line.substring("ready ".length()));
                    }
                }
            } catch (Exception ignored) {
                // the child died: that is the point
            }
        });
        try {
            String url = ready.get(60, TimeUnit.SECONDS);
            String records = String.join(
                    ",",
                    List.of(
                            entry(recordJson("c-1", "o-crash", "PICKED")),
                            entry(recordJson("c-2", "o-crash", "SHIPPED")),
                            entry(recordJson("c-3", "o-crash", "DELIVERED"))));
            var put = PlatformProbe.kinesis(
                    url, "PutRecords", "{\"StreamName\":\"fulfillment-events\",\"Records\":[" + records + "]}");
            assertThat(put.statusCode()).isEqualTo(200);
            assertThat(child.waitFor(60, TimeUnit.SECONDS))
                    .as("the child halts")
                    .isTrue();
            assertThat(child.exitValue()).as(String.join("\n", output)).isEqualTo(137);
        } finally {
            child.destroyForcibly();
        }

        try (LocalPlatform restarted = LocalPlatform.open(data, Faults.none()).start(0)) {
            await("o-crash is delivered", () -> archived(restarted, "o-crash").contains("OrderDelivered"));
            assertThat(restarted
                            .store()
                            .findOrder(new OrderId("o-crash"))
                            .orElseThrow()
                            .status())
                    .isEqualTo(OrderStatus.DELIVERED);
            assertThat(archived(restarted, "o-crash"))
                    .containsExactly("OrderAccepted", "OrderPaid", "OrderPicked", "OrderShipped", "OrderDelivered");
            assertThat(restarted.queues().counts(FulfillmentPath.QUARANTINE).depth())
                    .isZero();
            assertThat(restarted.queues().counts(FulfillmentPath.FAILURES).depth())
                    .isZero();
        }
    }

    private static String entry(String json) {
        return "{\"PartitionKey\":\"o-crash\",\"Data\":\""
                + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)) + "\"}";
    }
}
