package dev.orders.local.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orders.domain.testing.Fixtures.MutableClock;
import dev.orders.local.delivery.DeliveryPath;
import dev.orders.local.lambda.InvocationInterceptor;
import dev.orders.local.lambda.PortCall;
import dev.orders.local.metrics.MetricId;
import dev.orders.local.metrics.MetricsRecorder;
import dev.orders.local.metrics.Unit;
import dev.orders.local.metrics.runtime.FaultMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Port and delivery faults as the platform applies them: scope, effect, duration, and the metrics a chart draws. */
class InjectedFaultsTest {

    final MutableClock clock = MutableClock.atNoon();
    final List<String> recorded = new ArrayList<>();
    final MetricsRecorder metrics = new MetricsRecorder() {
        @Override
        public void put(MetricId metric, double value, double count, Unit unit, Instant timestamp) {
            recorded.add(metric.name() + " " + metric.dimensions().asMap() + " = " + (int) value);
        }

        @Override
        public void putStatistics(MetricId metric, StatisticSet statistics, Unit unit, Instant timestamp) {}
    };
    final InjectedFaults faults = new InjectedFaults(
            clock, new FaultMetrics(metrics), () -> List.of("OrderApiFunction", "NotificationsFunction"));
    final AtomicInteger calls = new AtomicInteger();

    static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    byte[] call(String function, String version, String kind, String operation) {
        return faults.around(new PortCall(function, version, "orders", kind, operation), new byte[0], () -> {
            calls.incrementAndGet();
            return json("{}");
        });
    }

    @ParameterizedTest
    @CsvSource({
        "store, orderStore, ProvisionedThroughputExceededException: The level of configured provisioned throughput",
        "queue, queue, RequestThrottled: The request was denied due to request throttling.",
        "mailer, mailer, TooManyRequestsException: Maximum sending rate exceeded.",
        "objects, objects, SlowDown: Please reduce your request rate."
    })
    void a_throttle_fails_the_call_as_the_services_own_throttle_and_the_dependency_is_not_called(
            String dependency, String kind, String error) {
        faults.add(json("{\"target\":\"port\",\"dependency\":\"" + dependency + "\",\"effect\":\"throttle\"}"));
        assertThatThrownBy(() -> call("OrderApiFunction", "1", kind, "place"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(error);
        assertThat(calls).hasValue(0);
    }

    @Test
    void errors_and_unavailability_fail_as_the_sdk_surfaces_them() {
        String errors = faults.add(json("{\"target\":\"port\",\"dependency\":\"store\",\"effect\":\"errors\"}"))
                .id();
        assertThatThrownBy(() -> call("OrderApiFunction", "1", "orderStore", "place"))
                .hasMessageStartingWith(
                        "InternalServerErrorException: Internal server error (Service: DynamoDb, Status Code: 500");
        faults.remove(errors);
        faults.add(json("{\"target\":\"port\",\"dependency\":\"mailer\",\"effect\":\"unavailable\"}"));
        assertThatThrownBy(() -> call("NotificationsFunction", "1", "mailer", "send"))
                .hasMessageStartingWith("SdkClientException: Unable to execute HTTP request: Connect to email.");
        assertThat(call("NotificationsFunction", "1", "orderStore", "findOrder"))
                .isNotNull();
        assertThat(calls).hasValue(1);
    }

    @Test
    void a_fault_touches_only_its_scope_function_version_and_operation() {
        faults.add(json("""
                {"target":"port","dependency":"store","operation":"place","effect":"throttle",
                 "scope":{"function":"OrderApiFunction","version":"2"}}"""));
        call("OrderApiFunction", "1", "orderStore", "place");
        call("NotificationsFunction", "2", "orderStore", "place");
        call("OrderApiFunction", "2", "orderStore", "findOrder");
        assertThat(calls).hasValue(3);
        assertThatThrownBy(() -> call("OrderApiFunction", "2", "orderStore", "place"))
                .hasMessageContaining("ProvisionedThroughput");
        assertThat(faults.list())
                .singleElement()
                .extracting(InjectedFaults.Listed::applied)
                .isEqualTo(1L);
    }

    @Test
    void a_fault_with_a_duration_ends_by_itself_and_its_metric_goes_from_1_to_0() {
        String id = faults.add(json(
                        "{\"target\":\"port\",\"dependency\":\"store\",\"effect\":\"errors\",\"duration\":\"30s\"}"))
                .id();
        faults.sample();
        assertThatThrownBy(() -> call("OrderApiFunction", "1", "orderStore", "place"))
                .isInstanceOf(IllegalStateException.class);
        clock.advance(Duration.ofSeconds(30));
        call("OrderApiFunction", "1", "orderStore", "place");
        faults.sample();
        assertThat(faults.list()).isEmpty();
        assertThat(recorded)
                .containsSubsequence(
                        "FaultActive {FaultId=" + id + "} = 1",
                        "FaultApplied {FaultId=" + id + "} = 1",
                        "FaultActive {FaultId=" + id + "} = 0",
                        "ActiveFaults {} = 0");
    }

    @Test
    void a_delivery_is_duplicated_once_per_key_and_only_for_its_receiver() {
        faults.add(
                json("{\"target\":\"delivery\",\"path\":\"sqs\",\"scope\":{\"function\":\"NotificationsFunction\"}}"));
        assertThat(faults.duplicate(DeliveryPath.SQS, "NotificationsFunction", "m-1"))
                .isTrue();
        assertThat(faults.duplicate(DeliveryPath.SQS, "NotificationsFunction", "m-1"))
                .isFalse();
        assertThat(faults.duplicate(DeliveryPath.SQS, "OrderApiFunction", "m-2"))
                .isFalse();
        assertThat(faults.duplicate(DeliveryPath.API, "NotificationsFunction", "m-3"))
                .isFalse();
        assertThat(faults.duplicate(DeliveryPath.SQS, "NotificationsFunction", "m-4"))
                .isTrue();
        assertThat(faults.list())
                .singleElement()
                .extracting(InjectedFaults.Listed::applied)
                .isEqualTo(2L);
    }

    @Test
    void removing_and_clearing_end_the_faults_and_record_their_end() {
        String a = faults.add(json("{\"target\":\"delivery\",\"path\":\"kinesis\"}"))
                .id();
        String b = faults.add(json("{\"target\":\"delivery\",\"path\":\"bus\",\"scope\":{\"percentage\":\"50%\"}}"))
                .id();
        assertThat(faults.remove(a)).isPresent();
        assertThat(faults.remove(a)).isEmpty();
        assertThat(faults.clear()).extracting(l -> l.fault().id()).containsExactly(b);
        assertThat(faults.duplicate(DeliveryPath.BUS, "q", "e-1")).isFalse();
        assertThat(recorded).contains("FaultActive {FaultId=" + a + "} = 0", "FaultActive {FaultId=" + b + "} = 0");
    }

    @Test
    void a_scope_naming_a_function_the_platform_does_not_have_is_refused_and_nothing_is_added() {
        assertThatThrownBy(() -> faults.add(json("{\"target\":\"port\",\"dependency\":\"store\",\"effect\":\"errors\","
                        + "\"scope\":{\"function\":\"OrderApi\"}}")))
                .isInstanceOf(FaultRequestException.class)
                .hasMessage(
                        "scope.function: there is no function OrderApi (functions: OrderApiFunction, NotificationsFunction)");
        assertThat(faults.list()).isEmpty();
    }

    @Test
    void a_latency_distribution_has_the_median_and_99th_percentile_it_was_given() {
        Latency latency = Latency.parse("p50:200ms,p99:2s");
        SplittableRandom random = new SplittableRandom(42);
        long[] draws = new long[20_000];
        for (int i = 0; i < draws.length; i++) {
            draws[i] = latency.draw(random).toMillis();
        }
        java.util.Arrays.sort(draws);
        assertThat(draws[draws.length / 2]).isBetween(190L, 210L);
        assertThat(draws[(int) (draws.length * 0.99)]).isBetween(1800L, 2200L);
        assertThat(Latency.parse("750ms").draw(random)).isEqualTo(Duration.ofMillis(750));
    }

    byte[] invoke(String function, String version, String event) throws Exception {
        return faults.around(
                new InvocationInterceptor.Call(function, version, json(event), Duration.ofMillis(50)), () -> {
                    calls.incrementAndGet();
                    return json("{\"statusCode\":202}");
                });
    }

    static final String POST_ORDERS = "{\"routeKey\":\"POST /orders\"}";
    static final String GET_ORDER = "{\"routeKey\":\"GET /orders/{orderId}\"}";

    @Test
    void a_function_error_fails_the_invocation_before_its_handler_and_only_on_its_route_and_version() throws Exception {
        String id = faults.add(json("{\"target\":\"function\",\"effect\":\"errors\",\"route\":\"POST /orders\","
                        + "\"scope\":{\"function\":\"OrderApiFunction\",\"version\":\"2\"}}"))
                .id();
        assertThatThrownBy(() -> invoke("OrderApiFunction", "2", POST_ORDERS))
                .isInstanceOf(FunctionFault.InjectedError.class)
                .hasMessage("fault " + id + " injected an error into OrderApiFunction:2");
        assertThat(calls).hasValue(0);
        assertThat(invoke("OrderApiFunction", "2", GET_ORDER)).isNotEmpty();
        assertThat(invoke("OrderApiFunction", "1", POST_ORDERS)).isNotEmpty();
        assertThat(invoke("NotificationsFunction", "2", POST_ORDERS)).isNotEmpty();
        assertThat(calls).hasValue(3);
        assertThat(faults.get(id).orElseThrow().applied()).isEqualTo(1);
        assertThat(recorded).contains("FaultApplied {FaultId=" + id + "} = 1");
    }

    @Test
    void a_crash_runs_the_handler_and_then_loses_its_answer() {
        String id = faults.add(json("{\"target\":\"function\",\"effect\":\"crash\"}"))
                .id();
        assertThatThrownBy(() -> invoke("OrderApiFunction", "1", POST_ORDERS))
                .isInstanceOf(FunctionFault.InjectedError.class)
                .hasMessageContaining("fault " + id + " crashed OrderApiFunction:1 after its handler ran");
        assertThat(calls).as("the handler ran: its effects stand").hasValue(1);
    }

    @Test
    void a_timeout_holds_the_invocation_past_the_functions_timeout_without_running_the_handler() {
        faults.add(
                json("{\"target\":\"function\",\"effect\":\"timeout\",\"scope\":{\"function\":\"OrderApiFunction\"}}"));
        long started = System.nanoTime();
        assertThatThrownBy(() -> invoke("OrderApiFunction", "1", POST_ORDERS)).hasMessageContaining("past its timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(50));
        assertThat(calls).hasValue(0);
    }

    @Test
    void a_deployments_injected_fault_is_listed_applied_and_cannot_be_removed_here() throws Exception {
        faults.deployment()
                .add(FunctionFault.parse("OrderApiFunction:errors=100%").onVersion("3"));
        List<InjectedFaults.Listed> listed = faults.list();
        assertThat(listed).hasSize(1);
        Fault fault = listed.get(0).fault();
        assertThat(fault.target()).isEqualTo("function");
        assertThat(fault.describe()).isEqualTo("invocations: errors (OrderApiFunction:3), injected by the deployment");
        assertThatThrownBy(() -> invoke("OrderApiFunction", "3", POST_ORDERS))
                .isInstanceOf(FunctionFault.InjectedError.class);
        assertThat(invoke("OrderApiFunction", "2", POST_ORDERS)).isNotEmpty();
        assertThat(faults.list().get(0).applied()).isEqualTo(1);
        assertThatThrownBy(() -> faults.remove(fault.id()))
                .isInstanceOf(FaultRequestException.class)
                .hasMessageContaining("injected by the running deployment");
        assertThat(faults.clear()).isEmpty();
        assertThat(faults.list()).hasSize(1);
    }

    @Test
    void a_bus_or_stream_fault_acts_on_the_platforms_own_calls_and_not_on_a_handlers_port() {
        faults.add(json("{\"target\":\"port\",\"dependency\":\"stream\",\"effect\":\"throttle\","
                + "\"scope\":{\"function\":\"NotificationsFunction\"}}"));
        faults.add(json("{\"target\":\"port\",\"dependency\":\"bus\",\"effect\":\"unavailable\"}"));
        assertThatThrownBy(() -> faults.before("stream", "NotificationsFunction"))
                .isInstanceOf(dev.orders.local.delivery.ServiceFaults.Failure.class)
                .hasMessageStartingWith("ProvisionedThroughputExceededException: Rate exceeded for shard. "
                        + "(Service: Kinesis, Status Code: 400");
        faults.before("stream", "OrderApiFunction");
        assertThatThrownBy(() -> faults.before("bus", "OutboxRelay"))
                .isInstanceOf(dev.orders.local.delivery.ServiceFaults.Failure.class)
                .hasMessageStartingWith("SdkClientException: Unable to execute HTTP request: Connect to events.");
        assertThat(call("OrderApiFunction", "1", "bus", "publish")).isNotEmpty();
        assertThat(calls).hasValue(1);
    }
}
