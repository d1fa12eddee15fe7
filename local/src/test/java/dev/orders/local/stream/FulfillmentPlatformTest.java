package dev.orders.local.stream;

import static dev.orders.domain.testing.FulfillmentFixtures.placePaidOrder;
import static dev.orders.domain.testing.FulfillmentFixtures.recordJson;
import static dev.orders.local.stream.PlatformProbe.archived;
import static dev.orders.local.stream.PlatformProbe.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.order.OrderStatus;
import dev.orders.local.LocalPlatform;
import dev.orders.local.store.Faults;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/** The whole platform, started in-process, fed through the gateway by the AWS SDK v2 Kinesis client. */
class FulfillmentPlatformTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void jsonNotCbor() {
        // The local endpoint speaks Kinesis's JSON protocol; the SDK uses CBOR unless told otherwise.
        System.setProperty("aws.cborEnabled", "false");
    }

    private static KinesisClient client(LocalPlatform platform) {
        return KinesisClient.builder()
                .endpointOverride(URI.create(platform.url()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static SdkBytes bytes(String text) {
        return SdkBytes.fromUtf8String(text);
    }

    private static OrderStatus status(LocalPlatform platform, String orderId) {
        return platform.store().findOrder(new OrderId(orderId)).orElseThrow().status();
    }

    @Test
    void
            records_put_with_the_sdk_move_a_paid_order_to_delivered_while_duplicates_change_nothing_and_garbage_is_quarantined()
                    throws Exception {
        try (LocalPlatform platform = LocalPlatform.open(dir, Faults.none()).start(0);
                KinesisClient kinesis = client(platform)) {
            assertThat(kinesis.listStreams(r -> {}).streamNames()).containsExactly("fulfillment-events");
            assertThat(kinesis.describeStreamSummary(r -> r.streamName("fulfillment-events"))
                            .streamDescriptionSummary()
                            .openShardCount())
                    .isEqualTo(2);
            placePaidOrder(platform.store(), "o-sdk");

            PutRecordsResponse batch = kinesis.putRecords(r -> r.streamName("fulfillment-events")
                    .records(
                            PutRecordsRequestEntry.builder()
                                    .partitionKey("o-sdk")
                                    .data(bytes(recordJson("w-1", "o-sdk", "PICKED")))
                                    .build(),
                            PutRecordsRequestEntry.builder()
                                    .partitionKey("o-sdk")
                                    .data(bytes(recordJson("w-2", "o-sdk", "SHIPPED")))
                                    .build(),
                            PutRecordsRequestEntry.builder()
                                    .partitionKey("o-sdk")
                                    .data(bytes(recordJson("w-1", "o-sdk", "PICKED")))
                                    .build()));
            assertThat(batch.failedRecordCount()).isZero();
            assertThat(batch.records()).hasSize(3);
            kinesis.putRecord(r ->
                    r.streamName("fulfillment-events").partitionKey("o-sdk").data(bytes("garbage \u0000")));
            PutRecordResponse last = kinesis.putRecord(r -> r.streamName("fulfillment-events")
                    .partitionKey("o-sdk")
                    .data(bytes(recordJson("w-3", "o-sdk", "DELIVERED"))));
            assertThat(last.shardId()).isEqualTo(batch.records().getFirst().shardId());

            await(
                    "o-sdk is delivered and its event archived",
                    () -> archived(platform, "o-sdk").contains("OrderDelivered"));
            assertThat(status(platform, "o-sdk")).isEqualTo(OrderStatus.DELIVERED);
            assertThat(archived(platform, "o-sdk"))
                    .containsExactly("OrderAccepted", "OrderPaid", "OrderPicked", "OrderShipped", "OrderDelivered");
            JsonNode quarantined = PlatformProbe.get(platform.url() + "/_local/quarantine");
            assertThat(quarantined.get("depth").asInt()).isEqualTo(1);
            assertThat(quarantined.at("/messages/0/body/reason").asText()).startsWith("undecodable:");
            // the checkpoint moves once the whole batch has succeeded, just after its last effect
            await(
                    "the shard checkpoints the last record",
                    () -> last.sequenceNumber()
                            .equals(shard(platform, last.shardId())
                                    .get("checkpoint")
                                    .asText()));
            JsonNode shard = shard(platform, last.shardId());
            assertThat(shard.get("iteratorAgeMilliseconds").isNumber()).isTrue();
        }
    }

    private static JsonNode shard(LocalPlatform platform, String shardId) {
        try {
            for (JsonNode shard :
                    PlatformProbe.get(platform.url() + "/_local/streams").at("/mappings/0/shards")) {
                if (shard.get("shardId").asText().equals(shardId)) {
                    return shard;
                }
            }
        } catch (Exception unreachable) {
            throw new AssertionError(unreachable);
        }
        throw new AssertionError("no shard " + shardId);
    }

    @Test
    void the_sdk_sees_kinesis_errors_for_bad_requests() throws Exception {
        try (LocalPlatform platform = LocalPlatform.open(dir, Faults.none()).start(0);
                KinesisClient kinesis = client(platform)) {
            assertThatThrownBy(() -> kinesis.putRecord(r ->
                            r.streamName("no-such-stream").partitionKey("k").data(bytes("x"))))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> kinesis.putRecord(r -> r.streamName("fulfillment-events")
                            .partitionKey("k".repeat(300))
                            .data(bytes("x"))))
                    .isInstanceOfSatisfying(KinesisException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    });
            var raw = PlatformProbe.kinesis(platform.url(), "PutRecord", "not json");
            assertThat(raw.statusCode()).isEqualTo(400);
            assertThat(raw.body()).contains("SerializationException");
            assertThat(PlatformProbe.get(platform.url() + "/_local/streams")
                                    .at("/streams/0/shards/0/records")
                                    .asInt()
                            + PlatformProbe.get(platform.url() + "/_local/streams")
                                    .at("/streams/0/shards/1/records")
                                    .asInt())
                    .isZero();
        }
    }
}
