package dev.orders.functions.aws;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The orders table's layout (docs/decisions/0001-one-orders-table.md): one table, one string partition key,
 * five kinds of item told apart by a key prefix and a {@code kind} attribute. infra/template.yaml declares the
 * same schema; a test in the local module holds the two together.
 */
public final class OrdersTable {

    public static final String PARTITION_KEY = "pk";
    /** Epoch seconds; DynamoDB's TTL deletes the item some time after (hours, not exact). */
    public static final String TTL_ATTRIBUTE = "ttl";

    public static final String KIND = "kind";
    public static final StreamViewType STREAM_VIEW = StreamViewType.NEW_IMAGE;

    public static final String KIND_ORDER = "order";
    public static final String KIND_IDEMPOTENCY = "idempotency";
    public static final String KIND_OUTBOX = "outbox";
    public static final String KIND_DEDUPE = "dedupe";
    /** A notification's claim and sent mark (SES has no idempotency key): {@link DynamoDbNotificationClaims}. */
    public static final String KIND_NOTIFICATION = "notification";

    /** Outbox item attributes, read by the outbox publisher from the table's stream. */
    public static final String OUTBOX_EVENT_ID = "eventId";

    public static final String OUTBOX_DETAIL_TYPE = "detailType";
    public static final String OUTBOX_DETAIL = "detail";
    public static final String OUTBOX_OCCURRED_AT = "occurredAt";

    public static final String TABLE_NAME_VARIABLE = "ORDERS_TABLE_NAME";

    private OrdersTable() {}

    /** The table as the template creates it, for emulators and the local runtime's emulated mode. */
    public static CreateTableRequest definition(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName(PARTITION_KEY)
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName(PARTITION_KEY)
                        .keyType(KeyType.HASH)
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(StreamSpecification.builder()
                        .streamEnabled(true)
                        .streamViewType(STREAM_VIEW)
                        .build())
                .build();
    }
}
