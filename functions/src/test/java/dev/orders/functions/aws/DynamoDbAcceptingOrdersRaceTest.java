package dev.orders.functions.aws;

import dev.orders.domain.port.OrderStore;
import dev.orders.domain.testing.AcceptingOrdersRaceContract;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A parallel retry is answered with one order on DynamoDB too (dynalite; its reads are strongly consistent). */
@Tag("emulator")
@ExtendWith(Dynalite.class)
class DynamoDbAcceptingOrdersRaceTest extends AcceptingOrdersRaceContract {

    private static final String TABLE = "orders-race";
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
    protected int rounds() {
        return 3;
    }
}
