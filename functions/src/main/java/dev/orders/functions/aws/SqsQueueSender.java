package dev.orders.functions.aws;

import dev.orders.functions.shared.QueueSender;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** One SQS queue, by URL: SendMessage with string attributes. */
public record SqsQueueSender(SqsClient client, String queueUrl) implements QueueSender {

    @Override
    public String send(String body, Map<String, String> attributes) {
        Map<String, MessageAttributeValue> values = new LinkedHashMap<>();
        attributes.forEach((name, value) -> values.put(
                name,
                MessageAttributeValue.builder()
                        .dataType("String")
                        .stringValue(value)
                        .build()));
        return client.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body).messageAttributes(values))
                .messageId();
    }

    /** SnapStart priming: a read-only call that loads the client's request path (needs sqs:GetQueueAttributes). */
    void prime() {
        client.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN));
    }
}
