package dev.orders.functions.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

class PrimingTest {

    @Test
    void priming_the_store_makes_one_consistent_read_and_writes_nothing() {
        StubHttp http = new StubHttp().answer(200, "{}");
        DynamoDbOrderStore store = new DynamoDbOrderStore(
                DynamoDbClient.builder()
                        .region(Region.EU_WEST_1)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                        .httpClient(http)
                        .overrideConfiguration(c -> c.addExecutionInterceptor(http))
                        .build(),
                "orders",
                Clock.systemUTC());

        new Priming("orders table", store::prime).beforeCheckpoint(null);

        assertThat(http.sent())
                .singleElement()
                .extracting(StubHttp.Sent::request)
                .isInstanceOfSatisfying(
                        GetItemRequest.class,
                        get -> assertThat(get.consistentRead()).isTrue());
    }

    @Test
    void a_failed_priming_call_does_not_fail_the_snapshot() {
        AtomicInteger calls = new AtomicInteger();
        Priming priming = new Priming("broken", () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("unreachable");
        });

        assertThatCode(() -> priming.beforeCheckpoint(null)).doesNotThrowAnyException();
        assertThat(calls).hasValue(1);
    }
}
