package dev.orders.local.queue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the {@link SQSEvent} Lambda hands a function for a batch, with SQS's record attributes. */
final class SqsEvents {

    static final String REGION = "local";
    static final String ACCOUNT = "000000000000";

    private SqsEvents() {}

    static SQSEvent of(String queue, List<QueueMessage> batch) {
        SQSEvent event = new SQSEvent();
        event.setRecords(batch.stream().map(m -> record(queue, m)).toList());
        return event;
    }

    private static SQSEvent.SQSMessage record(String queue, QueueMessage message) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(message.messageId());
        record.setReceiptHandle(message.receiptHandle());
        record.setBody(message.body());
        record.setMd5OfBody(md5(message.body()));
        record.setEventSource("aws:sqs");
        record.setEventSourceArn("arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + queue);
        record.setAwsRegion(REGION);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("ApproximateReceiveCount", String.valueOf(message.receiveCount()));
        attributes.put("SentTimestamp", String.valueOf(message.sentAt().toEpochMilli()));
        attributes.put("SenderId", ACCOUNT);
        attributes.put(
                "ApproximateFirstReceiveTimestamp",
                String.valueOf(message.firstReceivedAt().toEpochMilli()));
        record.setAttributes(attributes);
        Map<String, SQSEvent.MessageAttribute> messageAttributes = new LinkedHashMap<>();
        message.attributes().forEach((name, value) -> {
            SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
            attribute.setDataType("String");
            attribute.setStringValue(value);
            messageAttributes.put(name, attribute);
        });
        record.setMessageAttributes(messageAttributes);
        return record;
    }

    private static String md5(String body) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException unavailable) {
            throw new IllegalStateException(unavailable);
        }
    }
}
