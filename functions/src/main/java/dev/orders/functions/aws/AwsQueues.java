package dev.orders.functions.aws;

import dev.orders.functions.shared.QueueSender;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.util.LinkedHashMap;
import java.util.Map;

/** SQS senders for the handlers' AWS wiring: the queue URL comes from the named environment variable. */
public final class AwsQueues {

    public static final String PAYMENT_EVENTS_QUEUE_URL = "PAYMENT_EVENTS_QUEUE_URL";
    public static final String PAYMENT_EVENTS_DLQ_URL = "PAYMENT_EVENTS_DLQ_URL";
    public static final String QUARANTINE_QUEUE_URL = "QUARANTINE_QUEUE_URL";

    private AwsQueues() {
    }

    public static QueueSender sender(String urlVariable) {
        String url = System.getenv(urlVariable);
        if (url == null || url.isBlank()) {
            throw new IllegalStateException(urlVariable + " is not set");
        }
        return new SqsSender(Holder.CLIENT, url);
    }

    /** One client per execution environment, built on first use (outside the handler method). */
    private static final class Holder {
        static final SqsClient CLIENT = SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    private record SqsSender(SqsClient client, String queueUrl) implements QueueSender {
        @Override
        public String send(String body, Map<String, String> attributes) {
            Map<String, MessageAttributeValue> values = new LinkedHashMap<>();
            attributes.forEach((name, value) -> values.put(name,
                    MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
            return client.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body).messageAttributes(values)).messageId();
        }
    }
}
