package dev.orders.functions.aws;

import dev.orders.domain.port.OrderStore;
import dev.orders.domain.testing.OrderStoreContract;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The DynamoDB adapter keeps the store port's contract, on the DynamoDB wire protocol (dynalite). */
@Tag("emulator")
@ExtendWith(Dynalite.class)
class DynamoDbOrderStoreTest extends OrderStoreContract {

    private static final String TABLE = "orders-contract";
    private static DynamoDbClient dynamo;

    private final OrderStore store = new DynamoDbOrderStore(dynamo, TABLE, Clock.systemUTC());

    @BeforeAll
    static void createTable(Dynalite.Endpoint endpoint) {
        dynamo = endpoint.withTable(TABLE);
    }

    @Override
    protected OrderStore store() {
        return store;
    }

    @Override
    protected Set<String> outboxEventIds() {
        return dynamo
                .scanPaginator(r -> r.tableName(TABLE)
                        .filterExpression("kind = :outbox")
                        .expressionAttributeValues(Map.of(":outbox", AttributeValue.fromS(OrdersTable.KIND_OUTBOX))))
                .items()
                .stream()
                .map(item -> item.get(OrdersTable.OUTBOX_EVENT_ID).s())
                .collect(Collectors.toSet());
    }
}
