package dev.orders.local.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@code POST /_local/faults} accepts, and the reason it gives for everything it refuses. */
class FaultJsonTest {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    static Fault read(String json) {
        return FaultJson.read(json.getBytes(StandardCharsets.UTF_8), "f-1", NOW);
    }

    @Test
    void a_port_fault_reads_and_writes_back_with_its_scope_and_end() {
        Fault fault = read("""
                {"target":"port","dependency":"orderStore","effect":"latency","latency":"p50:200ms,p99:2s",
                 "scope":{"function":"OrderApiFunction","version":"3","percentage":25},"duration":"2m"}""");
        JsonNode written = FaultJson.write(fault, 7, NOW.plusSeconds(30));
        assertThat(written.path("dependency").asText()).isEqualTo("store");
        assertThat(written.path("latency").asText()).isEqualTo("p50:200ms,p99:2s");
        assertThat(written.path("scope").path("version").asText()).isEqualTo("3");
        assertThat(written.path("scope").path("percentage").asDouble()).isEqualTo(25);
        assertThat(written.path("endsAt").asText()).isEqualTo("2026-11-30T12:02:00Z");
        assertThat(written.path("remainingSeconds").asDouble()).isEqualTo(90);
        assertThat(written.path("applied").asLong()).isEqualTo(7);
        assertThat(written.path("description").asText())
                .isEqualTo("store: latency p50:200ms,p99:2s (OrderApiFunction:3, 25% of calls)");
    }

    @Test
    void a_function_fault_reads_and_writes_back_with_its_route_and_origin() {
        Fault fault = read("""
                {"target":"function","effect":"crash","route":"POST /orders",
                 "scope":{"function":"OrderApiFunction","percentage":10},"duration":"5m"}""");
        assertThat(fault).isInstanceOf(Fault.InvocationFault.class);
        JsonNode written = FaultJson.write(fault, 2, NOW);
        assertThat(written.path("target").asText()).isEqualTo("function");
        assertThat(written.path("effect").asText()).isEqualTo("crash");
        assertThat(written.path("route").asText()).isEqualTo("POST /orders");
        assertThat(written.path("origin").asText()).isEqualTo("faults");
        assertThat(written.path("scope").path("percentage").asDouble()).isEqualTo(10);
        assertThat(written.path("description").asText())
                .isEqualTo("invocations of POST /orders: crash (OrderApiFunction, 10% of calls)");
        Fault slow = read("""
                {"target":"function","effect":"latency","latency":"2s"}""");
        assertThat(FaultJson.write(slow, 0, NOW).path("latency").asText()).isEqualTo("2s");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not json                                                                        | the body is not JSON
            []                                                                              | the body must be a JSON object
            {}                                                                              | target is missing: port or delivery
            {"target":"disk"}                                                               | target must be port, delivery or function, got 'disk'
            {"target":"function"}                                                           | effect is missing: latency, errors, crash or timeout
            {"target":"function","effect":"throttle"}                                       | a function fault's effect must be latency, errors, crash or timeout, got 'throttle'
            {"target":"function","effect":"crash","route":"/orders"}                        | route must be 'METHOD /path' as the API names it (e.g. 'POST /orders'), got '/orders'
            {"target":"function","effect":"crash","dependency":"store"}                     | a function fault has no field 'dependency'
            {"target":"function","effect":"errors","latency":"1s"}                          | latency is given but effect is errors
            {"target":"port","dependency":"store","effect":"crash"}                         | effect must be latency, errors, throttle or unavailable, got 'crash'
            {"target":"port","effect":"errors"}                                             | dependency is missing: one of store, queue, quarantine, mailer, objects, bus, stream, links
            {"target":"port","dependency":"bus","effect":"errors","operation":"PutEvents"}  | a bus fault takes no operation: the outbox relay publishes to the bus (PutEvents)
            {"target":"port","dependency":"bus","effect":"errors","scope":{"function":"OrderApiFunction"}} | a bus fault cannot take scope.function
            {"target":"port","dependency":"stream","effect":"throttle","scope":{"function":"FulfillmentEventsFunction","version":"2"}} | a stream fault cannot take scope.version: the event source mapping reads the stream (GetRecords) for its function, before any version runs
            {"target":"port","dependency":"redis","effect":"errors"}                        | unknown dependency 'redis'
            {"target":"port","dependency":"store"}                                          | effect is missing: latency, errors, throttle or unavailable
            {"target":"port","dependency":"store","effect":"explode"}                       | effect must be latency, errors, throttle or unavailable, got 'explode'
            {"target":"port","dependency":"store","effect":"latency"}                       | latency is missing
            {"target":"port","dependency":"store","effect":"latency","latency":"fast"}      | latency must be a duration such as 750ms
            {"target":"port","dependency":"store","effect":"latency","latency":"-5ms"}      | latency must be a duration such as 750ms
            {"target":"port","dependency":"store","effect":"latency","latency":"p50:2s,p99:1s"} | latency p99 (1s) cannot be below p50 (2s)
            {"target":"port","dependency":"store","effect":"latency","latency":"p50:2s"}    | latency distribution needs both p50 and p99
            {"target":"port","dependency":"store","effect":"latency","latency":"20m"}       | latency must be above 0 and at most 15m
            {"target":"port","dependency":"store","effect":"errors","latency":"1s"}         | latency is given but effect is errors
            {"target":"port","dependency":"links","effect":"throttle"}                      | links cannot be throttled
            {"target":"port","dependency":"store","effect":"errors","path":"sqs"}           | a port fault has no field 'path'
            {"target":"port","dependency":"store","effect":"errors","duration":"soon"}      | duration must be a duration such as 750ms
            {"target":"port","dependency":"store","effect":"errors","duration":"0s"}        | duration must be above 0
            {"target":"port","dependency":"store","effect":"errors","duration":"30d"}       | duration must be a duration such as 750ms
            {"target":"port","dependency":"store","effect":"errors","scope":[]}             | scope must be an object
            {"target":"port","dependency":"store","effect":"errors","scope":{"fn":"x"}}     | scope has no field 'fn'
            {"target":"port","dependency":"store","effect":"errors","scope":{"percentage":0}} | scope.percentage must be above 0 and at most 100, got 0.0
            {"target":"port","dependency":"store","effect":"errors","scope":{"percentage":"150%"}} | scope.percentage must be above 0% and at most 100%
            {"target":"port","dependency":"store","effect":"errors","scope":{"percentage":true}} | scope.percentage must be a number
            {"target":"port","dependency":"store","effect":"errors","scope":{"version":"2"}} | scope.version needs scope.function
            {"target":"port","dependency":"store","effect":"errors","scope":{"function":"F","version":"live"}} | scope.version must be a version number or $LATEST, got 'live'
            {"target":"port","dependency":"store","effect":"errors","scope":{"function":7}} | function must be a non-empty string
            {"target":"delivery"}                                                           | unknown delivery path 'null'
            {"target":"delivery","path":"smtp"}                                             | unknown delivery path 'smtp': one of api, kinesis, sqs, bus
            {"target":"delivery","path":"sqs","effect":"drop"}                              | a delivery fault's effect is duplicate, got 'drop'
            {"target":"delivery","path":"sqs","scope":{"function":"F","version":"2"}}       | a delivery fault cannot take scope.version
            {"target":"delivery","path":"kinesis","scope":{"function":"F"}}                 | a kinesis delivery fault cannot take scope.function
            {"target":"delivery","path":"api","dependency":"store"}                         | a delivery fault has no field 'dependency'
            """)
    void a_wrong_request_is_refused_with_its_reason(String body, String reason) {
        assertThatThrownBy(() -> read(body))
                .isInstanceOf(FaultRequestException.class)
                .hasMessageContaining(reason);
    }
}
