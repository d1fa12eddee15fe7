package dev.orders.local.objects;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.receipts.ReceiptImages;
import dev.orders.functions.shared.Json;
import dev.orders.local.LocalPlatform;
import dev.orders.local.metrics.Observability;
import dev.orders.local.paths.ReceiptsPath;
import dev.orders.local.queue.StoredMessage;
import dev.orders.local.store.Faults;
import dev.orders.local.template.SamTemplate;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Lambda's asynchronous semantics for S3's notifications: a Receipts function that fails every time (here: its
 * ephemeral storage, 1 MB in this template, cannot hold any upload, a transient failure it throws) is invoked three
 * times (the first try and {@code MaximumRetryAttempts: 2}), and the notification then lands in its OnFailure queue as
 * Lambda's invocation record.
 */
class ReceiptsAsyncRetryTest {

    @TempDir
    Path data;

    @Test
    void a_failing_receipts_function_is_retried_twice_then_its_event_lands_in_the_on_failure_queue_as_lambdas_record()
            throws Exception {
        String bundled = SamTemplate.bundledText();
        String oneMegabyte =
                bundled.replace("EphemeralStorage:\n        Size: 512", "EphemeralStorage:\n        Size: 1");
        assertThat(oneMegabyte)
                .as("the Receipts function's EphemeralStorage, made too small for any upload")
                .isNotEqualTo(bundled);
        SamTemplate template = SamTemplate.parse(oneMegabyte);
        // At 60× Lambda's retries, about 1 and 2 minutes apart, take a few seconds.
        try (LocalPlatform platform = LocalPlatform.open(
                                data, Faults.none(), template, new Observability.Settings(60, Map.of()))
                        .start(0);
                S3Client s3 = S3Client.builder()
                        .endpointOverride(URI.create(platform.url()))
                        .region(Region.US_EAST_1)
                        .forcePathStyle(true)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                        .httpClient(UrlConnectionHttpClient.create())
                        .build()) {
            String key = "receipts/order-1/r1";
            s3.putObject(
                    r -> r.bucket(ReceiptsPath.bucket()).key(key).contentType("image/jpeg"),
                    RequestBody.fromBytes(ReceiptImages.jpeg(10, 10)));

            Awaitility.await("the OnFailure record")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() ->
                            !platform.queues().peek("ReceiptsFailureQueue", 10).isEmpty());

            List<StoredMessage> records = platform.queues().peek("ReceiptsFailureQueue", 10);
            assertThat(records).hasSize(1);
            JsonNode record = Json.internal().readTree(records.getFirst().body());
            assertThat(record.path("version").asText()).isEqualTo("1.0");
            assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetriesExhausted");
            assertThat(record.at("/requestContext/approximateInvokeCount").asInt())
                    .isEqualTo(3);
            assertThat(record.at("/requestContext/functionArn").asText()).contains("ReceiptsFunction");
            assertThat(record.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
            assertThat(record.at("/requestPayload/Records/0/eventSource").asText())
                    .isEqualTo("aws:s3");
            assertThat(record.at("/requestPayload/Records/0/s3/object/key").asText())
                    .isEqualTo("receipts/order-1/r1");
            assertThat(record.at("/responsePayload/errorMessage").asText()).contains("ephemeral storage is full");
        }
    }
}
