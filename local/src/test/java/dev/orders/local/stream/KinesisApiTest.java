package dev.orders.local.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import dev.orders.domain.testing.Fixtures.MutableClock;
import dev.orders.functions.shared.Json;
import dev.orders.local.aws.AwsRequest;
import dev.orders.local.aws.AwsResponse;
import dev.orders.local.store.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Kinesis JSON protocol: answers and errors in Kinesis's shape; a refused request stores nothing. */
class KinesisApiTest {

    @TempDir
    Path dir;

    private Database db;
    private LocalStream stream;
    private KinesisApi api;
    private final MutableClock clock = MutableClock.atNoon();

    @BeforeEach
    void open() {
        db = new Database(dir.resolve("k.db"));
        stream = new LocalStream(db, "fulfillment-events", 2, Duration.ofHours(24), clock);
        api = new KinesisApi(List.of(stream));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private record Answer(int status, JsonNode body) {
        String type() {
            return body.path("__type").asText();
        }
    }

    private Answer call(String operation, String body) throws Exception {
        AwsRequest request = AwsRequest.of(
                "POST",
                "/",
                null,
                Headers.of(
                        "X-Amz-Target", "Kinesis_20131202." + operation, "Content-Type", "application/x-amz-json-1.1"),
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(api.accepts(request)).isTrue();
        AwsResponse reply = api.handle(request);
        assertThat(reply.contentType()).isEqualTo("application/x-amz-json-1.1");
        return new Answer(reply.status(), Json.internal().readTree(reply.body()));
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private long stored() {
        return stream.recordCount("shardId-000000000000") + stream.recordCount("shardId-000000000001");
    }

    @Test
    void put_record_answers_the_shard_and_sequence_number_of_the_stored_record() throws Exception {
        Answer answer = call(
                "PutRecord",
                "{\"StreamName\":\"fulfillment-events\",\"PartitionKey\":\"b\",\"Data\":\"" + b64("hi") + "\"}");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("ShardId").asText()).isEqualTo("shardId-000000000001");
        assertThat(answer.body().get("SequenceNumber").asText()).matches("\\d{56}");
        StreamRecord record = stream.read("shardId-000000000001", 0, Long.MAX_VALUE, 10, Long.MAX_VALUE)
                .records()
                .getFirst();
        assertThat(new String(record.data(), StandardCharsets.UTF_8)).isEqualTo("hi");
        assertThat(record.sequenceNumber())
                .isEqualTo(answer.body().get("SequenceNumber").asText());
    }

    @Test
    void put_record_accepts_the_stream_arn_instead_of_its_name() throws Exception {
        Answer answer =
                call("PutRecord", "{\"StreamARN\":\"" + stream.arn() + "\",\"PartitionKey\":\"a\",\"Data\":\"\"}");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("ShardId").asText()).isEqualTo("shardId-000000000000");
    }

    @Test
    void put_records_answers_one_result_per_record_in_order_and_counts_failures() throws Exception {
        StringBuilder records = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            records.append(i == 0 ? "" : ",")
                    .append("{\"PartitionKey\":\"k")
                    .append(i)
                    .append("\",\"ExplicitHashKey\":\"0\",\"Data\":\"")
                    .append(b64("r" + i))
                    .append("\"}");
        }
        String request = "{\"StreamName\":\"fulfillment-events\",\"Records\":[" + records + "]}";
        Answer first = call("PutRecords", request);
        assertThat(first.body().get("FailedRecordCount").asInt()).isZero();
        assertThat(first.body().get("Records"))
                .hasSize(500)
                .allMatch(r -> r.get("ShardId").asText().equals("shardId-000000000000"));
        call("PutRecords", request);
        // a third 500 in the same second exceeds the shard's 1,000 records per second
        Answer third = call("PutRecords", request);
        assertThat(third.status()).isEqualTo(200);
        assertThat(third.body().get("FailedRecordCount").asInt()).isEqualTo(500);
        assertThat(third.body().get("Records").get(0).get("ErrorCode").asText())
                .isEqualTo("ProvisionedThroughputExceededException");
        assertThat(stored()).isEqualTo(1000);
    }

    @Test
    void list_streams_and_describe_stream_summary_describe_the_template_stream() throws Exception {
        Answer list = call("ListStreams", "{}");
        assertThat(list.body().get("StreamNames")).extracting(JsonNode::asText).containsExactly("fulfillment-events");
        assertThat(list.body().get("HasMoreStreams").asBoolean()).isFalse();
        JsonNode summary = call("DescribeStreamSummary", "{\"StreamName\":\"fulfillment-events\"}")
                .body()
                .get("StreamDescriptionSummary");
        assertThat(summary.get("StreamARN").asText()).isEqualTo(stream.arn());
        assertThat(summary.get("StreamStatus").asText()).isEqualTo("ACTIVE");
        assertThat(summary.get("OpenShardCount").asInt()).isEqualTo(2);
        assertThat(summary.get("RetentionPeriodHours").asInt()).isEqualTo(24);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "unknown stream|PutRecord|{\"StreamName\":\"nope\",\"PartitionKey\":\"k\",\"Data\":\"\"}|ResourceNotFoundException",
                "no stream|PutRecord|{\"PartitionKey\":\"k\",\"Data\":\"\"}|ValidationException",
                "no partition key|PutRecord|{\"StreamName\":\"fulfillment-events\",\"Data\":\"\"}|ValidationException",
                "empty partition key|PutRecord|{\"StreamName\":\"fulfillment-events\",\"PartitionKey\":\"\",\"Data\":\"\"}|ValidationException",
                "no data|PutRecord|{\"StreamName\":\"fulfillment-events\",\"PartitionKey\":\"k\"}|ValidationException",
                "data not base64|PutRecord|{\"StreamName\":\"fulfillment-events\",\"PartitionKey\":\"k\",\"Data\":\"%%%\"}|SerializationException",
                "hash key not a number|PutRecord|{\"StreamName\":\"fulfillment-events\",\"PartitionKey\":\"k\",\"Data\":\"\",\"ExplicitHashKey\":\"-1\"}|ValidationException",
                "hash key over 2^128-1|PutRecord|{\"StreamName\":\"fulfillment-events\",\"PartitionKey\":\"k\",\"Data\":\"\",\"ExplicitHashKey\":\"340282366920938463463374607431768211456\"}|InvalidArgumentException",
                "not JSON|PutRecord|{oops|SerializationException",
                "wrong JSON type|PutRecord|{\"StreamName\":5,\"PartitionKey\":\"k\",\"Data\":\"\"}|SerializationException",
                "no records|PutRecords|{\"StreamName\":\"fulfillment-events\",\"Records\":[]}|ValidationException",
                "one bad record refuses all|PutRecords|{\"StreamName\":\"fulfillment-events\",\"Records\":[{\"PartitionKey\":\"k\",\"Data\":\"\"},{\"PartitionKey\":\"\",\"Data\":\"\"}]}|ValidationException",
                "unsupported operation|GetRecords|{\"ShardIterator\":\"x\"}|UnknownOperationException",
                "unknown stream summary|DescribeStreamSummary|{\"StreamName\":\"nope\"}|ResourceNotFoundException",
            })
    void bad_requests_are_refused_with_400_in_kinesis_error_shape_and_store_nothing(
            String name, String operation, String body, String type) throws Exception {
        Answer answer = call(operation, body);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.type()).isEqualTo(type);
        assertThat(answer.body().get("message").asText()).isNotBlank();
        assertThat(stored()).isZero();
    }

    @Test
    void a_partition_key_over_256_characters_or_data_over_1_mib_is_refused() throws Exception {
        assertThat(call(
                                "PutRecord",
                                "{\"StreamName\":\"fulfillment-events\",\"PartitionKey\":\"" + "k".repeat(257)
                                        + "\",\"Data\":\"\"}")
                        .type())
                .isEqualTo("ValidationException");
        assertThat(call(
                                "PutRecord",
                                "{\"StreamName\":\"fulfillment-events\",\"PartitionKey\":\"" + "k".repeat(256)
                                        + "\",\"Data\":\"\"}")
                        .status())
                .isEqualTo(200);
        String big = Base64.getEncoder().encodeToString(new byte[1024 * 1024]);
        assertThat(call(
                                "PutRecord",
                                "{\"StreamName\":\"fulfillment-events\",\"PartitionKey\":\"k\",\"Data\":\"" + big
                                        + "\"}")
                        .type())
                .isEqualTo("ValidationException");
        assertThat(stored()).isEqualTo(1);
    }

    @Test
    void more_than_500_records_in_one_put_records_is_refused() throws Exception {
        String records = String.join(",", java.util.Collections.nCopies(501, "{\"PartitionKey\":\"k\",\"Data\":\"\"}"));
        Answer answer = call("PutRecords", "{\"StreamName\":\"fulfillment-events\",\"Records\":[" + records + "]}");
        assertThat(answer.type()).isEqualTo("ValidationException");
        assertThat(stored()).isZero();
    }
}
