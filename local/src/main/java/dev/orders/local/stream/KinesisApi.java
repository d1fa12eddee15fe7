package dev.orders.local.stream;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.local.aws.AwsErrors;
import dev.orders.local.aws.AwsRequest;
import dev.orders.local.aws.AwsResponse;
import dev.orders.local.aws.AwsService;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Kinesis Data Streams JSON protocol ({@code application/x-amz-json-1.1},
 * {@code X-Amz-Target: Kinesis_20131202.Op}) for PutRecord, PutRecords, ListStreams and
 * DescribeStreamSummary, so the AWS CLI and SDKs can feed the local streams. Bad input is answered
 * 400 in Kinesis's error shape and changes nothing.
 */
public final class KinesisApi implements AwsService {

    public static final String SIGNING_NAME = "kinesis";
    public static final String TARGET_PREFIX = "Kinesis_20131202.";
    static final String CONTENT_TYPE = AwsErrors.JSON_1_1;
    static final int MAX_DATA_BYTES = 1024 * 1024;
    static final int MAX_PARTITION_KEY_LENGTH = 256;
    static final int MAX_RECORDS_PER_REQUEST = 500;
    static final long MAX_REQUEST_BYTES = 5L * 1024 * 1024;
    private static final Pattern HASH_KEY = Pattern.compile("0|([1-9]\\d{0,38})");

    /** Large enough for 500 records of base64 data, small enough that no request exhausts the heap. */
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(8)
                            .maxStringLength(MAX_DATA_BYTES / 3 * 4 + 8)
                            .maxDocumentLength(11L * 1024 * 1024)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .build();

    private final Map<String, LocalStream> streams;

    public KinesisApi(List<LocalStream> streams) {
        this.streams = new java.util.TreeMap<>();
        streams.forEach(s -> this.streams.put(s.name(), s));
    }

    /** A request Kinesis would refuse: its {@code __type} and message. */
    static final class KinesisError extends RuntimeException {
        final String type;

        KinesisError(String type, String message) {
            super(message, null, false, false);
            this.type = type;
        }
    }

    @Override
    public String signingName() {
        return SIGNING_NAME;
    }

    /** An unsigned call (a hand-made {@code curl}) is Kinesis's when its {@code X-Amz-Target} says so. */
    @Override
    public boolean accepts(AwsRequest request) {
        return request.header("X-Amz-Target")
                .filter(t -> t.startsWith(TARGET_PREFIX))
                .isPresent();
    }

    @Override
    public AwsResponse handle(AwsRequest call) {
        try {
            String target = call.header("X-Amz-Target")
                    .orElseThrow(() -> new KinesisError("UnknownOperationException", "X-Amz-Target is missing"));
            if (!target.startsWith(TARGET_PREFIX)) {
                throw new KinesisError(
                        "UnknownOperationException", "X-Amz-Target must name a " + TARGET_PREFIX + " operation");
            }
            String operation = target.substring(TARGET_PREFIX.length());
            JsonNode request = parse(call.body());
            ObjectNode response = switch (operation) {
                case "PutRecord" -> putRecord(request);
                case "PutRecords" -> putRecords(request);
                case "ListStreams" -> listStreams(request);
                case "DescribeStreamSummary" -> describeStreamSummary(request);
                default ->
                    throw new KinesisError(
                            "UnknownOperationException",
                            operation.replaceAll("[^A-Za-z0-9]", "")
                                    + " is not supported by the local Kinesis endpoint "
                                    + "(supported: PutRecord, PutRecords, ListStreams, DescribeStreamSummary)");
            };
            return AwsResponse.json(200, CONTENT_TYPE, response);
        } catch (KinesisError error) {
            return AwsErrors.json(400, CONTENT_TYPE, error.type, error.getMessage());
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode json = JSON.readTree(body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body);
            if (json == null || !json.isObject()) {
                throw new KinesisError("SerializationException", "the request body is not a JSON object");
            }
            return json;
        } catch (JacksonException malformed) {
            throw new KinesisError(
                    "SerializationException", "the request body is not valid JSON: " + malformed.getOriginalMessage());
        } catch (java.io.IOException unreadable) {
            throw new KinesisError("SerializationException", "the request body cannot be read");
        }
    }

    private ObjectNode putRecord(JsonNode request) {
        LocalStream stream = stream(request);
        LocalStream.Entry entry = entry(request, "");
        LocalStream.PutResult result = stream.put(List.of(entry)).getFirst();
        return switch (result) {
            case LocalStream.PutResult.Stored stored ->
                JSON.createObjectNode()
                        .put("ShardId", stored.shardId())
                        .put("SequenceNumber", stored.sequenceNumber())
                        .put("EncryptionType", "NONE");
            case LocalStream.PutResult.Throttled throttled ->
                throw new KinesisError(
                        "ProvisionedThroughputExceededException",
                        "Rate exceeded for shard " + throttled.shardId() + " in stream " + stream.name()
                                + " under account " + LocalStream.ACCOUNT + ".");
        };
    }

    private ObjectNode putRecords(JsonNode request) {
        LocalStream stream = stream(request);
        JsonNode records = request.get("Records");
        if (records == null || !records.isArray()) {
            throw validation("records", "Member must not be null");
        }
        if (records.isEmpty() || records.size() > MAX_RECORDS_PER_REQUEST) {
            throw validation("records", "Member must have length between 1 and " + MAX_RECORDS_PER_REQUEST);
        }
        List<LocalStream.Entry> entries = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < records.size(); i++) {
            LocalStream.Entry entry = entry(records.get(i), "records." + (i + 1) + ".member.");
            bytes += entry.data().length + entry.partitionKey().getBytes(StandardCharsets.UTF_8).length;
            entries.add(entry);
        }
        if (bytes > MAX_REQUEST_BYTES) {
            throw new KinesisError("InvalidArgumentException", "Records size exceeds 5 MB limit");
        }
        ArrayNode results = JSON.createArrayNode();
        int failed = 0;
        for (LocalStream.PutResult result : stream.put(entries)) {
            switch (result) {
                case LocalStream.PutResult.Stored stored ->
                    results.addObject()
                            .put("SequenceNumber", stored.sequenceNumber())
                            .put("ShardId", stored.shardId());
                case LocalStream.PutResult.Throttled throttled -> {
                    failed++;
                    results.addObject()
                            .put("ErrorCode", "ProvisionedThroughputExceededException")
                            .put(
                                    "ErrorMessage",
                                    "Rate exceeded for shard " + throttled.shardId() + " in stream " + stream.name()
                                            + " under account " + LocalStream.ACCOUNT + ".");
                }
            }
        }
        ObjectNode response =
                JSON.createObjectNode().put("FailedRecordCount", failed).put("EncryptionType", "NONE");
        response.set("Records", results);
        return response;
    }

    private ObjectNode listStreams(JsonNode request) {
        int limit = optionalInt(request, "Limit").orElse(100);
        if (limit < 1 || limit > 10_000) {
            throw validation("limit", "Member must have value between 1 and 10000");
        }
        String after = text(request, "ExclusiveStartStreamName").orElse("");
        List<LocalStream> listed = streams.values().stream()
                .filter(s -> s.name().compareTo(after) > 0)
                .sorted(Comparator.comparing(LocalStream::name))
                .toList();
        ObjectNode response = JSON.createObjectNode();
        ArrayNode names = response.putArray("StreamNames");
        ArrayNode summaries = response.putArray("StreamSummaries");
        listed.stream().limit(limit).forEach(s -> {
            names.add(s.name());
            ObjectNode summary = summaries
                    .addObject()
                    .put("StreamName", s.name())
                    .put("StreamARN", s.arn())
                    .put("StreamStatus", "ACTIVE");
            summary.putObject("StreamModeDetails").put("StreamMode", "PROVISIONED");
            summary.put("StreamCreationTimestamp", s.createdAt().toEpochMilli() / 1000.0);
        });
        response.put("HasMoreStreams", listed.size() > limit);
        return response;
    }

    private ObjectNode describeStreamSummary(JsonNode request) {
        LocalStream stream = stream(request);
        ObjectNode summary = JSON.createObjectNode()
                .put("StreamName", stream.name())
                .put("StreamARN", stream.arn())
                .put("StreamStatus", "ACTIVE");
        summary.putObject("StreamModeDetails").put("StreamMode", "PROVISIONED");
        summary.put("RetentionPeriodHours", stream.retention().toHours());
        summary.put("StreamCreationTimestamp", stream.createdAt().toEpochMilli() / 1000.0);
        summary.putArray("EnhancedMonitoring").addObject().putArray("ShardLevelMetrics");
        summary.put("EncryptionType", "NONE");
        summary.put("OpenShardCount", stream.shards().shards().size());
        summary.put("ConsumerCount", 0);
        ObjectNode response = JSON.createObjectNode();
        response.set("StreamDescriptionSummary", summary);
        return response;
    }

    /** The stream named by StreamName or StreamARN (if both are given they must agree). */
    private LocalStream stream(JsonNode request) {
        Optional<String> name = text(request, "StreamName");
        Optional<String> arn = text(request, "StreamARN");
        if (name.isEmpty() && arn.isEmpty()) {
            throw new KinesisError("ValidationException", "Either StreamName or StreamARN should be provided.");
        }
        if (name.isPresent() && (name.get().isEmpty() || name.get().length() > 128)) {
            throw validation("streamName", "Member must have length between 1 and 128");
        }
        String wanted = name.orElseGet(() -> arn.get().substring(arn.get().lastIndexOf('/') + 1));
        LocalStream stream = streams.get(wanted);
        if (stream == null || arn.isPresent() && !arn.get().equals(stream.arn())) {
            throw new KinesisError(
                    "ResourceNotFoundException",
                    "Stream " + wanted.replaceAll("[^A-Za-z0-9_.:/-]", "?") + " under account " + LocalStream.ACCOUNT
                            + " not found.");
        }
        return stream;
    }

    private static LocalStream.Entry entry(JsonNode json, String path) {
        if (json == null || !json.isObject()) {
            throw validation(
                    path.isEmpty() ? "record" : path.substring(0, path.length() - 1), "Member must be a structure");
        }
        String data = text(json, "Data").orElseThrow(() -> validation(path + "data", "Member must not be null"));
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException notBase64) {
            throw new KinesisError("SerializationException", "Data at '" + path + "data' is not valid base64");
        }
        String key = text(json, "PartitionKey")
                .orElseThrow(() -> validation(path + "partitionKey", "Member must not be null"));
        int keyLength = key.codePointCount(0, key.length());
        if (keyLength < 1 || keyLength > MAX_PARTITION_KEY_LENGTH) {
            throw validation(
                    path + "partitionKey", "Member must have length between 1 and " + MAX_PARTITION_KEY_LENGTH);
        }
        if (bytes.length + key.getBytes(StandardCharsets.UTF_8).length > MAX_DATA_BYTES) {
            throw validation(
                    path + "data",
                    "Member must have length less than or equal to " + MAX_DATA_BYTES
                            + " (data and partition key together)");
        }
        Optional<BigInteger> explicit = text(json, "ExplicitHashKey").map(h -> {
            if (!HASH_KEY.matcher(h).matches()) {
                throw validation(
                        path + "explicitHashKey", "Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})");
            }
            BigInteger value = new BigInteger(h);
            if (value.compareTo(ShardMap.MAX_HASH_KEY) > 0) {
                throw new KinesisError("InvalidArgumentException", "ExplicitHashKey must be at most 2^128 - 1");
            }
            return value;
        });
        return new LocalStream.Entry(bytes, key, explicit);
    }

    private static Optional<String> text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new KinesisError("SerializationException", field + " must be a string");
        }
        return Optional.of(value.asText());
    }

    private static Optional<Integer> optionalInt(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new KinesisError("SerializationException", field + " must be an integer");
        }
        return Optional.of(value.intValue());
    }

    private static KinesisError validation(String member, String constraint) {
        return new KinesisError(
                "ValidationException",
                "1 validation error detected: Value at '" + member + "' failed to satisfy constraint: " + constraint);
    }
}
