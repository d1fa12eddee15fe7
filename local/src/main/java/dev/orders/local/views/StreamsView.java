package dev.orders.local.views;

import dev.orders.local.queue.LocalQueues;
import dev.orders.local.stream.EventSourceMapping;
import dev.orders.local.stream.KinesisMappingSettings;
import dev.orders.local.stream.LocalStream;
import dev.orders.local.stream.ShardStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /_local/streams}: each stream's shards (hash-key ranges, record counts, newest sequence number),
 * each Kinesis event source mapping's settings and per-shard position, and the depth of their destinations.
 */
public record StreamsView(
        List<LocalStream> streams, List<EventSourceMapping> mappings, LocalQueues queues, List<String> destinations)
        implements View {

    record HashKeyRange(String startingHashKey, String endingHashKey) {}

    record Shard(String shardId, HashKeyRange hashKeyRange, long records, String latestSequenceNumber) {}

    record Stream(String streamName, String streamArn, long retentionPeriodHours, List<Shard> shards) {}

    record Mapping(
            String functionName,
            String eventSourceArn,
            String startingPosition,
            int batchSize,
            long maximumBatchingWindowInSeconds,
            boolean bisectBatchOnFunctionError,
            int maximumRetryAttempts,
            int maximumRecordAgeInSeconds,
            boolean reportBatchItemFailures,
            String onFailure,
            List<ShardStatus> shards) {
        static Mapping of(EventSourceMapping.Status status) {
            KinesisMappingSettings s = status.settings();
            return new Mapping(
                    s.functionLogicalId(),
                    status.eventSourceArn(),
                    s.startingPosition().name(),
                    s.batchSize(),
                    s.batchingWindow().toSeconds(),
                    s.bisectOnFunctionError(),
                    s.maximumRetryAttempts(),
                    s.maximumRecordAgeSeconds(),
                    s.reportBatchItemFailures(),
                    s.onFailureLogicalId().orElse(null),
                    status.shards());
        }
    }

    record Body(List<Stream> streams, List<Mapping> mappings, Map<String, Long> destinations) {}

    @Override
    public Answer render(Map<String, String> query) {
        List<Stream> streamList = streams.stream()
                .map(s -> new Stream(
                        s.name(),
                        s.arn(),
                        s.retention().toHours(),
                        s.shardSummaries().stream()
                                .map(shard -> new Shard(
                                        shard.shardId(),
                                        new HashKeyRange(
                                                shard.startingHashKey().toString(),
                                                shard.endingHashKey().toString()),
                                        shard.records(),
                                        shard.latestSequenceNumber()))
                                .toList()))
                .toList();
        Map<String, Long> depths = new LinkedHashMap<>();
        destinations.forEach(name -> depths.put(name, queues.counts(name).depth()));
        return Answer.ok(new Body(
                streamList, mappings.stream().map(m -> Mapping.of(m.status())).toList(), depths));
    }
}
