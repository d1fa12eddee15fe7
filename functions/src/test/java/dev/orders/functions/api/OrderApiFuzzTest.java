package dev.orders.functions.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.orders.domain.testing.Fixtures.MutableClock;
import dev.orders.domain.testing.InMemoryOrderStore;
import dev.orders.functions.testing.TestContext;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * No input produces a 5xx, and a rejected request stores nothing: random and mutated bodies, random
 * header values, through the real handler.
 */
class OrderApiFuzzTest {

    @Property(tries = 600)
    void no_body_or_header_yields_a_5xx_and_rejections_store_nothing(
            @ForAll("bodies") String body, @ForAll("contentTypes") String contentType, @ForAll("keys") String key) {
        InMemoryOrderStore store = new InMemoryOrderStore();
        OrderApiHandler handler = new OrderApiHandler(store, MutableClock.atNoon());
        APIGatewayProxyRequestEvent event = ApiEvents.post("alice", key, body);
        event.getHeaders().put("content-type", contentType);

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, new TestContext("OrderApiFunction"));

        assertThat(response.getStatusCode()).isBetween(200, 499);
        if (response.getStatusCode() >= 400) {
            assertThat(store.orderCount()).isZero();
            assertThat(store.outbox()).isEmpty();
            assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        } else {
            assertThat(store.orderCount()).isEqualTo(1);
            assertThat(store.outbox()).hasSize(1);
        }
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> noise = Arbitraries.strings().all().ofMaxLength(300);
        Arbitrary<String> jsonish = Arbitraries.strings()
                .withChars("{}[]\":,0123456789.-eE truefalsnul\\itemsquaniypcrdSKU")
                .ofMaxLength(200);
        Arbitrary<String> mutated = Combinators.combine(
                        Arbitraries.integers().between(0, ApiEvents.BODY.length() - 1),
                        Arbitraries.integers().between(0, 8),
                        Arbitraries.strings().all().ofMaxLength(6))
                .as((at, cut, insert) -> {
                    String body = ApiEvents.BODY;
                    return body.substring(0, at) + insert + body.substring(Math.min(body.length(), at + cut));
                });
        Arbitrary<String> fieldValues = Combinators.combine(
                        Arbitraries.of(
                                "\"2\"",
                                "-1",
                                "0",
                                "1000",
                                "1.5",
                                "1e2",
                                "null",
                                "[]",
                                "{}",
                                "true",
                                "99999999999999999999"),
                        Arbitraries.of(
                                "\"12.50\"",
                                "\"-1\"",
                                "\"1e3\"",
                                "12.5",
                                "\"\"",
                                "null",
                                "\"12.505\"",
                                "\"0\"",
                                "\"999999999999\""),
                        Arbitraries.of("\"EUR\"", "\"eur\"", "\"XXX\"", "\"\"", "null", "1", "\"JPY\""))
                .as((quantity, amount, currency) -> "{\"items\":[{\"sku\":\"A\",\"quantity\":" + quantity
                        + ",\"unitPrice\":{\"amount\":" + amount + ",\"currency\":" + currency + "}}]}");
        return Arbitraries.oneOf(noise, jsonish, mutated, fieldValues, Arbitraries.just(ApiEvents.BODY));
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "application/json",
                        "application/json; charset=utf-8",
                        "APPLICATION/JSON",
                        "application/json;charset=\"utf-8\""),
                Arbitraries.strings().all().ofMaxLength(40));
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ascii().ofMinLength(1).ofMaxLength(300),
                Arbitraries.strings().all().ofMaxLength(20),
                Arbitraries.just("k1"));
    }
}
