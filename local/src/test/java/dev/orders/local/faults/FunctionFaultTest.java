package dev.orders.local.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.local.lambda.InvocationInterceptor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The --inject grammar, and the faults as the invoke path applies them: per version, per route, errors and delays. */
class FunctionFaultTest {

    private static final byte[] POST_ORDERS = """
            {"httpMethod":"POST","resource":"/orders","path":"/orders","body":"{}"}""".getBytes(StandardCharsets.UTF_8);
    private static final byte[] GET_ORDER = """
            {"httpMethod":"GET","resource":"/orders/{orderId}","path":"/orders/o-1"}""".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ROUTE_KEY_V2 = """
            {"version":"2.0","routeKey":"POST /orders","rawPath":"/orders"}""".getBytes(StandardCharsets.UTF_8);

    @Test
    void the_three_forms_of_the_issue_parse_and_print_back() {
        assertThat(FunctionFault.parse("OrderApiFunction:errors=30%")).satisfies(f -> {
            assertThat(f.function()).isEqualTo("OrderApiFunction");
            assertThat(f.effect()).isEqualTo(new FunctionFault.Errors(30));
            assertThat(f.route()).isEmpty();
            assertThat(f.version()).isEmpty();
            assertThat(f.spec()).isEqualTo("OrderApiFunction:errors=30%");
        });
        assertThat(FunctionFault.parse("OrderApiFunction:errors=100%:route=POST /orders"))
                .satisfies(f -> {
                    assertThat(f.route()).contains(new FunctionFault.Route("POST", "/orders"));
                    assertThat(f.spec()).isEqualTo("OrderApiFunction:errors=100%:route=POST /orders");
                });
        assertThat(FunctionFault.parse("OrderApiFunction:delay=800ms").effect())
                .isEqualTo(new FunctionFault.Delay(Duration.ofMillis(800)));
        assertThat(FunctionFault.parse("OrderApiFunction:delay=2s").spec()).isEqualTo("OrderApiFunction:delay=2000ms");
        assertThat(FunctionFault.parse("OrderApiFunction:errors=12.5%").spec())
                .isEqualTo("OrderApiFunction:errors=12.5%");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "OrderApiFunction",
                "OrderApiFunction:",
                "Order Api:errors=5%",
                "OrderApiFunction:errors=0%",
                "OrderApiFunction:errors=101%",
                "OrderApiFunction:errors=30",
                "OrderApiFunction:errors=abc%",
                "OrderApiFunction:delay=0ms",
                "OrderApiFunction:delay=16000s",
                "OrderApiFunction:delay=5m",
                "OrderApiFunction:route=POST /orders",
                "OrderApiFunction:errors=5%:delay=5ms",
                "OrderApiFunction:errors=5%:route=FETCH /orders",
                "OrderApiFunction:errors=5%:route=POST orders",
                "OrderApiFunction:errors=5%:colour=red",
                "OrderApiFunction:errors"
            })
    void a_bad_spec_is_refused_with_the_grammar(String spec) {
        assertThatThrownBy(() -> FunctionFault.parse(spec))
                .isInstanceOf(FunctionFault.BadSpec.class)
                .hasMessageContaining("--inject '")
                .hasMessageContaining("FUNCTION:errors=N%");
    }

    @Test
    void a_fault_applies_to_its_function_its_version_and_its_route_only() {
        FunctionFault write = FunctionFault.parse("OrderApiFunction:errors=100%:route=POST /orders")
                .onVersion("5");
        assertThat(write.applies("OrderApiFunction", "5", POST_ORDERS)).isTrue();
        assertThat(write.applies("OrderApiFunction", "5", ROUTE_KEY_V2))
                .as("payload 2.0's routeKey")
                .isTrue();
        assertThat(write.applies("OrderApiFunction", "5", GET_ORDER))
                .as("another route")
                .isFalse();
        assertThat(write.applies("OrderApiFunction", "4", POST_ORDERS))
                .as("another version")
                .isFalse();
        assertThat(write.applies("PaymentWebhookFunction", "5", POST_ORDERS))
                .as("another function")
                .isFalse();
        assertThat(write.applies("OrderApiFunction", "5", "not json".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        FunctionFault all = FunctionFault.parse("OrderApiFunction:errors=100%");
        assertThat(all.applies("OrderApiFunction", "4", "{}".getBytes(StandardCharsets.UTF_8)))
                .as("unscoped: every version, every event")
                .isTrue();
    }

    @Test
    void an_injected_error_replaces_the_handler_and_is_counted() {
        FunctionFaults faults = new FunctionFaults();
        faults.add(FunctionFault.parse("OrderApiFunction:errors=100%:route=POST /orders")
                .onVersion("5"));
        AtomicInteger ran = new AtomicInteger();
        assertThatThrownBy(() -> faults.around(
                        new InvocationInterceptor.Call(
                                "OrderApiFunction", "5", POST_ORDERS, java.time.Duration.ofSeconds(3)),
                        () -> {
                            ran.incrementAndGet();
                            return new byte[0];
                        }))
                .isInstanceOf(FunctionFault.InjectedError.class)
                .hasMessageContaining("OrderApiFunction:5")
                .hasMessageContaining("errors=100%:route=POST /orders");
        assertThat(ran).as("the handler did not run").hasValue(0);
        assertThat(call(faults, "OrderApiFunction", "5", GET_ORDER))
                .as("a read passes")
                .isEqualTo("ok");
        assertThat(call(faults, "OrderApiFunction", "4", POST_ORDERS))
                .as("the old version is untouched")
                .isEqualTo("ok");
        assertThat(faults.on("OrderApiFunction", "5")).singleElement().satisfies(a -> {
            assertThat(a.matched()).isEqualTo(1);
            assertThat(a.injected()).isEqualTo(1);
        });
        assertThat(faults.on("OrderApiFunction", "4")).isEmpty();
    }

    @Test
    void a_share_of_errors_fails_about_that_share() {
        FunctionFaults faults = new FunctionFaults();
        faults.add(FunctionFault.parse("F:errors=30%"));
        int failed = 0;
        for (int i = 0; i < 4000; i++) {
            try {
                call(faults, "F", "1", POST_ORDERS);
            } catch (FunctionFault.InjectedError expected) {
                failed++;
            }
        }
        // 30 % of 4000 is 1200, with a standard deviation of 29: 1000..1400 is seven of them either side
        assertThat(failed).isBetween(1000, 1400);
    }

    @Test
    void a_delay_lets_the_handler_run_and_is_counted() throws Exception {
        FunctionFaults faults = new FunctionFaults();
        faults.add(FunctionFault.parse("F:delay=1ms"));
        assertThat(call(faults, "F", "1", GET_ORDER)).isEqualTo("ok");
        assertThat(faults.active())
                .singleElement()
                .satisfies(a -> assertThat(a.injected()).isEqualTo(1));
        assertThat(faults.remove(f -> f.function().equals("F"))).isEqualTo(1);
        assertThat(faults.active()).isEmpty();
    }

    private static String call(FunctionFaults faults, String function, String version, byte[] payload) {
        try {
            return new String(
                    faults.around(
                            new InvocationInterceptor.Call(function, version, payload, java.time.Duration.ofSeconds(3)),
                            () -> "ok".getBytes(StandardCharsets.UTF_8)),
                    StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void the_route_of_an_event_is_read_from_either_payload_format() {
        assertThat(FunctionFault.routeOf(POST_ORDERS)).contains(new FunctionFault.Route("POST", "/orders"));
        assertThat(FunctionFault.routeOf(GET_ORDER)).contains(new FunctionFault.Route("GET", "/orders/{orderId}"));
        assertThat(FunctionFault.routeOf(ROUTE_KEY_V2)).contains(new FunctionFault.Route("POST", "/orders"));
        assertThat(FunctionFault.routeOf("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Optional.empty());
    }
}
