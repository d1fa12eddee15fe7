package dev.orders.functions.aws;

import static dev.orders.functions.aws.OrdersTable.PARTITION_KEY;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * SES has no idempotency key, so the orders table remembers each notification: before sending, a conditional
 * put claims it for a lease; after SES accepted it, it is marked sent. A redelivery finds it sent and sends
 * nothing; a concurrent delivery finds a live claim and is retried later; a claim whose sender died expires
 * with its lease. The one window left: a crash after SES accepted the message and before it was marked sent
 * sends it again once the lease ends.
 */
public final class DynamoDbNotificationClaims implements NotificationClaims {

    /** Longer than the Notifications function may run (Timeout 20 s), so a live sender never loses its claim. */
    static final Duration LEASE = Duration.ofSeconds(60);
    /** Longer than any redelivery of an event (the notifications rule retries for 6 h, SQS keeps messages 4 days). */
    static final Duration RETENTION = Duration.ofDays(30);

    private static final String SENDING = "SENDING";
    private static final String SENT = "SENT";
    private static final String FREE =
            "attribute_not_exists(" + PARTITION_KEY + ") OR (#state = :sending AND leaseUntil < :now)";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoDbNotificationClaims(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Claim claim(String notificationId) {
        Instant now = clock.instant();
        try {
            dynamo.putItem(r -> r.tableName(table)
                    .item(Map.of(
                            PARTITION_KEY,
                            key(notificationId).get(PARTITION_KEY),
                            OrdersTable.KIND,
                            s(OrdersTable.KIND_NOTIFICATION),
                            "state",
                            s(SENDING),
                            "leaseUntil",
                            n(now.plus(LEASE).toEpochMilli()),
                            OrdersTable.TTL_ATTRIBUTE,
                            n(now.plus(RETENTION).getEpochSecond())))
                    .conditionExpression(FREE)
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":sending", s(SENDING), ":now", n(now.toEpochMilli()))));
            return Claim.CLAIMED;
        } catch (ConditionalCheckFailedException taken) {
            Map<String, AttributeValue> item = dynamo.getItem(
                            r -> r.tableName(table).key(key(notificationId)).consistentRead(true))
                    .item();
            boolean sent = item != null
                    && item.containsKey("state")
                    && SENT.equals(item.get("state").s());
            return sent ? Claim.ALREADY_SENT : Claim.HELD_ELSEWHERE;
        }
    }

    @Override
    public void markSent(String notificationId, String messageId) {
        dynamo.updateItem(r -> r.tableName(table)
                .key(key(notificationId))
                .updateExpression("SET #state = :sent, messageId = :messageId REMOVE leaseUntil")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":sent", s(SENT), ":messageId", s(messageId))));
    }

    @Override
    public void release(String notificationId) {
        dynamo.deleteItem(r -> r.tableName(table)
                .key(key(notificationId))
                .conditionExpression("#state = :sending")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":sending", s(SENDING))));
    }

    static Map<String, AttributeValue> key(String notificationId) {
        return Map.of(PARTITION_KEY, s("NOTIFY#" + notificationId));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
