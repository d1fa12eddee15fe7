package dev.orders.local.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.shared.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The invocation record Lambda sends to a Kinesis mapping's OnFailure destination when it discards a
 * batch: metadata only ({@code KinesisBatchInfo}), never the records' data, which stays in the stream
 * until retention ends.
 */
final class BatchFailureReport {

    enum Condition {
        RetryAttemptsExhausted,
        RecordAgeExceeded
    }

    private BatchFailureReport() {}

    /**
     * @param functionError the last invocation's error type ("Unhandled"), empty when it answered with a
     *                      partial batch response or when the function was not invoked
     */
    static String of(
            Condition condition,
            String functionArn,
            int invokeCount,
            boolean invoked,
            Optional<String> functionError,
            LocalStream stream,
            List<StreamRecord> records,
            Instant now) {
        ObjectNode json = Json.internal().createObjectNode();
        json.putObject("requestContext")
                .put("requestId", UUID.randomUUID().toString())
                .put("functionArn", functionArn)
                .put("condition", condition.name())
                .put("approximateInvokeCount", invokeCount);
        if (invoked) {
            ObjectNode response =
                    json.putObject("responseContext").put("statusCode", 200).put("executedVersion", "1");
            functionError.ifPresent(error -> response.put("functionError", error));
        }
        json.put("version", "1.0");
        json.put("timestamp", now.toString());
        StreamRecord first = records.getFirst();
        StreamRecord last = records.getLast();
        json.putObject("KinesisBatchInfo")
                .put("shardId", first.shardId())
                .put("startSequenceNumber", first.sequenceNumber())
                .put("endSequenceNumber", last.sequenceNumber())
                .put(
                        "approximateArrivalOfFirstRecord",
                        first.approximateArrival().toString())
                .put("approximateArrivalOfLastRecord", last.approximateArrival().toString())
                .put("batchSize", records.size())
                .put("streamArn", stream.arn());
        return json.toString();
    }
}
