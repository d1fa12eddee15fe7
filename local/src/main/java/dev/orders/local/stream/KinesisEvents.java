package dev.orders.local.stream;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import java.nio.ByteBuffer;
import java.util.Date;
import java.util.List;

/** Builds the {@code KinesisEvent} Lambda hands a function for a batch of one shard's records. */
final class KinesisEvents {

    private KinesisEvents() {}

    static KinesisEvent of(LocalStream stream, String functionLogicalId, List<StreamRecord> batch) {
        KinesisEvent event = new KinesisEvent();
        event.setRecords(
                batch.stream().map(r -> record(stream, functionLogicalId, r)).toList());
        return event;
    }

    private static KinesisEvent.KinesisEventRecord record(
            LocalStream stream, String functionLogicalId, StreamRecord stored) {
        KinesisEvent.Record kinesis = new KinesisEvent.Record();
        kinesis.setKinesisSchemaVersion("1.0");
        kinesis.setPartitionKey(stored.partitionKey());
        kinesis.setSequenceNumber(stored.sequenceNumber());
        kinesis.setData(ByteBuffer.wrap(stored.data().clone()).asReadOnlyBuffer());
        kinesis.setApproximateArrivalTimestamp(Date.from(stored.approximateArrival()));
        KinesisEvent.KinesisEventRecord record = new KinesisEvent.KinesisEventRecord();
        record.setKinesis(kinesis);
        record.setEventSource("aws:kinesis");
        record.setEventVersion("1.0");
        record.setEventID(stored.shardId() + ":" + stored.sequenceNumber());
        record.setEventName("aws:kinesis:record");
        record.setInvokeIdentityArn("arn:aws:iam::" + LocalStream.ACCOUNT + ":role/" + functionLogicalId + "Role");
        record.setAwsRegion(LocalStream.REGION);
        record.setEventSourceARN(stream.arn());
        return record;
    }
}
