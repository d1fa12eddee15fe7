package dev.orders.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.orders.domain.order.Order;
import dev.orders.domain.order.OrderId;
import dev.orders.domain.testing.Fixtures.MutableClock;
import dev.orders.domain.testing.InMemoryOrderStore;
import dev.orders.functions.api.OrderApiHandler;
import dev.orders.local.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local Lambda's model with real code: OrderApi's handler from the functions' shaded jar, and variants of it compiled
 * here, each version in its own class loader, its store port served by the test across the boundary.
 */
class LambdaServiceTest {

    static final String API = "OrderApiFunction";
    static Path functionsJar;
    /** Variants compiled once for the whole class (javac and a 24 MB jar copy are the slow part). */
    static final Map<String, Path> VARIANTS = new ConcurrentHashMap<>();

    @TempDir
    static Path variants;

    @TempDir
    Path dir;

    private Database db;
    private LambdaService lambda;
    private final BlockingStore store = new BlockingStore();
    private final List<LambdaObserver.Report> reports = new CopyOnWriteArrayList<>();
    private final List<String> throttles = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void build() {
        functionsJar = VariantCode.functionsJar();
    }

    @AfterEach
    void close() {
        store.releaseAll();
        if (lambda != null) {
            lambda.close();
        }
        if (db != null) {
            db.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ fixtures

    /** Blocks {@code findOrder} of ids starting with "block" until released: an invocation held busy, no timing involved. */
    static final class BlockingStore extends InMemoryOrderStore {
        final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
        final CountDownLatch anyBlocked = new CountDownLatch(1);

        @Override
        public Optional<Order> findOrder(OrderId id) {
            if (id.value().startsWith("block")) {
                anyBlocked.countDown();
                try {
                    gates.computeIfAbsent(id.value(), k -> new CountDownLatch(1))
                            .await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.findOrder(id);
        }

        void release(String id) {
            gates.computeIfAbsent(id, k -> new CountDownLatch(1)).countDown();
        }

        void releaseAll() {
            gates.values().forEach(CountDownLatch::countDown);
        }
    }

    static FunctionSettings settings(
            String name, boolean snapStart, OptionalInt provisioned, Optional<Integer> reserved) {
        return new FunctionSettings(
                name,
                OrderApiHandler.class.getName() + "::handleRequest",
                Duration.ofSeconds(10),
                1024,
                reserved,
                "java21",
                Map.of("POWERTOOLS_SERVICE_NAME", "orders"),
                snapStart,
                512,
                provisioned,
                false,
                Map.of());
    }

    static FunctionSettings plain() {
        return settings(API, false, OptionalInt.empty(), Optional.empty());
    }

    private LambdaService open(LambdaSettings settings) {
        db = new Database(dir.resolve("orders.db"));
        lambda = LambdaService.open(dir, db, settings)
                .latestCodeFrom(functionsJar)
                .observe(new LambdaObserver() {
                    @Override
                    public void completed(Report report) {
                        reports.add(report);
                    }

                    @Override
                    public void throttled(String function, String resource, String reason) {
                        throttles.add(reason);
                    }
                });
        return lambda;
    }

    private void register(FunctionSettings settings) {
        lambda.register(
                settings,
                FunctionWiring.of(settings.logicalId(), OrderApiHandler.class)
                        .store("orders", store)
                        .clock(MutableClock.atNoon()),
                APIGatewayProxyRequestEvent.class,
                APIGatewayProxyResponseEvent.class);
    }

    /** GET /orders/{id} by alice, as the HTTP API's proxy integration sends it. */
    static byte[] get(String orderId) {
        APIGatewayProxyRequestEvent.ProxyRequestContext context =
                new APIGatewayProxyRequestEvent.ProxyRequestContext().withRequestId("req");
        context.setAuthorizer(Map.of("claims", Map.of("sub", "alice")));
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withHttpMethod("GET")
                .withResource("/orders/{orderId}")
                .withPath("/orders/" + orderId)
                .withPathParameters(Map.of("orderId", orderId))
                .withRequestContext(context);
        return EventJson.of(APIGatewayProxyRequestEvent.class).write(event);
    }

    static APIGatewayProxyResponseEvent response(Invocation invocation) {
        assertThat(invocation.functionError())
                .as(new String(invocation.payload()))
                .isEmpty();
        return EventJson.of(APIGatewayProxyResponseEvent.class).read(invocation.payload());
    }

    private static Path variant(String source) {
        return VARIANTS.computeIfAbsent(source, s -> {
            try {
                return VariantCode.replacing(
                        functionsJar,
                        Files.createTempDirectory(variants, "variant"),
                        "dev.orders.functions.api.OrderApiHandler",
                        s);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private CompletableFuture<Invocation> blocked(String qualifier, String orderId) throws Exception {
        CompletableFuture<Invocation> running =
                CompletableFuture.supplyAsync(() -> lambda.invoke(API, Optional.of(qualifier), get(orderId)));
        await().atMost(Duration.ofSeconds(20)).until(() -> store.gates.containsKey(orderId) || running.isDone());
        return running;
    }

    // ------------------------------------------------------------------------------------------------ versions

    @Test
    void two_versions_with_different_code_answer_side_by_side_each_naming_its_version() throws Exception {
        open(LambdaSettings.DEFAULT);
        register(plain());
        assertThat(lambda.deploy()).containsExactly(API + ": version 1 published, live → 1");
        lambda.latestCodeFrom(variant(VariantCode.answering(418, "variant")));
        Version second = lambda.publishVersion(API, Optional.of("the edited handler"));
        assertThat(second.version()).isEqualTo("2");
        assertThat(second.codeSha256())
                .isNotEqualTo(lambda.version(API, "1").orElseThrow().codeSha256());

        Invocation one = lambda.invoke(API, Optional.of("1"), get("o-1"));
        Invocation two = lambda.invoke(API, Optional.of("2"), get("o-1"));

        assertThat(one.executedVersion()).isEqualTo("1");
        assertThat(response(one).getStatusCode()).isEqualTo(404);
        assertThat(two.executedVersion()).isEqualTo("2");
        assertThat(response(two).getStatusCode()).isEqualTo(418);
        assertThat(response(two).getBody()).isEqualTo("variant");
        assertThat(one.logTail())
                .contains("START RequestId:")
                .contains("Version: 1")
                .contains("REPORT RequestId:");
        assertThat(two.logTail()).contains("Version: 2");
    }

    @Test
    void publishing_unchanged_code_and_configuration_returns_the_latest_version_and_a_rebuild_never_touches_a_version()
            throws Exception {
        open(LambdaSettings.DEFAULT);
        register(plain());
        lambda.deploy();
        assertThat(lambda.publishVersion(API, Optional.empty()).version()).isEqualTo("1");

        Path build = dir.resolve("orders-functions.jar");
        Files.copy(variant(VariantCode.answering(418, "edited")), build);
        lambda.latestCodeFrom(build);
        assertThat(lambda.publishVersion(API, Optional.empty()).version()).isEqualTo("2");
        // the next build writes over the same file: version 2 runs from its own copy, $LATEST is the new build
        Files.copy(
                variant(VariantCode.answering(418, "rebuilt")),
                build,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThat(response(lambda.invoke(API, Optional.of("2"), get("x"))).getBody())
                .isEqualTo("edited");
        assertThat(response(lambda.invoke(API, Optional.empty(), get("x"))).getBody())
                .isEqualTo("rebuilt");
        assertThat(response(lambda.invoke(API, Optional.of("1"), get("x"))).getStatusCode())
                .isEqualTo(404);
        assertThat(lambda.versions(API)).extracting(Version::version).containsExactly(Version.LATEST, "1", "2");
    }

    @Test
    void a_restart_keeps_versions_aliases_and_their_code() throws Exception {
        open(LambdaSettings.DEFAULT);
        register(plain());
        lambda.deploy();
        lambda.latestCodeFrom(variant(VariantCode.answering(418, "v2")));
        lambda.publishVersion(API, Optional.empty());
        lambda.updateAlias(API, LambdaService.LIVE, Optional.of("1"), Optional.of(Map.of("2", 0.25)));
        lambda.close();
        db.close();

        open(LambdaSettings.DEFAULT);
        register(plain());
        assertThat(lambda.versions(API)).extracting(Version::version).containsExactly(Version.LATEST, "1", "2");
        Alias live = lambda.alias(API, LambdaService.LIVE);
        assertThat(live.functionVersion()).isEqualTo("1");
        assertThat(live.additionalVersionWeights()).containsExactly(Map.entry("2", 0.25));
        assertThat(response(lambda.invoke(API, Optional.of("2"), get("x"))).getBody())
                .isEqualTo("v2");
    }

    @Test
    void a_restart_with_changed_code_publishes_it_and_moves_live_saying_so() throws Exception {
        open(LambdaSettings.DEFAULT);
        register(plain());
        lambda.deploy();
        lambda.close();
        db.close();

        open(LambdaSettings.DEFAULT);
        lambda.latestCodeFrom(variant(VariantCode.answering(418, "after the edit")));
        register(plain());
        assertThat(lambda.deploy()).containsExactly(API + ": code changed, version 2 published, live 1 → 2");
        Invocation invocation = lambda.invoke(API, Optional.of(LambdaService.LIVE), get("x"));
        assertThat(invocation.executedVersion()).isEqualTo("2");
        assertThat(response(invocation).getBody()).isEqualTo("after the edit");
    }

    @Test
    void an_alias_routes_by_its_weights_between_two_published_versions() throws Exception {
        open(LambdaSettings.DEFAULT);
        register(plain());
        lambda.deploy();
        lambda.latestCodeFrom(variant(VariantCode.answering(418, "canary")));
        lambda.publishVersion(API, Optional.empty());
        lambda.updateAlias(API, LambdaService.LIVE, Optional.empty(), Optional.of(Map.of("2", 0.5)));

        Set<String> executed = new HashSet<>();
        for (int i = 0; i < 200 && executed.size() < 2; i++) {
            executed.add(lambda.invoke(API, Optional.of(LambdaService.LIVE), get("x"))
                    .executedVersion());
        }
        assertThat(executed).containsExactlyInAnyOrder("1", "2");
        assertThat(reports)
                .allSatisfy(r -> assertThat(r.resource()).isEqualTo(API + ":live"))
                .extracting(LambdaObserver.Report::viaAlias)
                .containsOnly(true);
    }

    @Test
    void alias_updates_and_deletions_are_checked_as_lambda_checks_them() throws Exception {
        open(LambdaSettings.DEFAULT);
        register(plain());
        lambda.deploy();
        lambda.latestCodeFrom(variant(VariantCode.answering(418, "v2")));
        lambda.publishVersion(API, Optional.empty());
        lambda.latestCodeFrom(variant(VariantCode.answering(418, "v3")));
        lambda.publishVersion(API, Optional.empty());

        assertThatThrownBy(() -> lambda.updateAlias(API, "live", Optional.empty(), Optional.of(Map.of("2", 1.5))))
                .isInstanceOfSatisfying(
                        LambdaException.class,
                        e -> assertThat(e.type()).isEqualTo(LambdaException.Type.InvalidParameterValueException));
        assertThatThrownBy(() ->
                        lambda.updateAlias(API, "live", Optional.empty(), Optional.of(Map.of("2", 0.1, "3", 0.1))))
                .isInstanceOf(LambdaException.class);
        assertThatThrownBy(() -> lambda.updateAlias(API, "live", Optional.empty(), Optional.of(Map.of("1", 0.1))))
                .isInstanceOf(LambdaException.class);
        assertThatThrownBy(() -> lambda.alias(API, "beta"))
                .isInstanceOfSatisfying(
                        LambdaException.class,
                        e -> assertThat(e.type().status()).isEqualTo(404));
        assertThat(lambda.alias(API, "live").functionVersion()).isEqualTo("1");

        lambda.updateAlias(API, "live", Optional.of("2"), Optional.of(Map.of("3", 0.1)));
        assertThatThrownBy(() -> lambda.deleteVersion(API, "3"))
                .isInstanceOfSatisfying(
                        LambdaException.class,
                        e -> assertThat(e.type().status()).isEqualTo(409));
        lambda.deleteVersion(API, "1");
        assertThat(lambda.versions(API)).extracting(Version::version).containsExactly(Version.LATEST, "2", "3");
        lambda.latestCodeFrom(variant(VariantCode.answering(418, "v4")));
        assertThat(lambda.publishVersion(API, Optional.empty()).version())
                .as("numbers are never reused")
                .isEqualTo("4");
    }

    // ------------------------------------------------------------------------------------------------ environments

    @Test
    void the_first_invocation_of_each_environment_reports_its_init_and_warm_ones_do_not() throws Exception {
        open(LambdaSettings.DEFAULT);
        register(plain());
        lambda.deploy();

        Invocation cold = lambda.invoke(API, Optional.of("live"), get("x"));
        Invocation warm = lambda.invoke(API, Optional.of("live"), get("x"));
        assertThat(cold.logTail()).contains("Init Duration:");
        assertThat(warm.logTail()).doesNotContain("Init Duration:");

        CompletableFuture<Invocation> busy = blocked("live", "block-1");
        Invocation second = lambda.invoke(API, Optional.of("live"), get("x"));
        assertThat(second.logTail())
                .as("a second environment, while the first is busy")
                .contains("Init Duration:");
        store.release("block-1");
        assertThat(busy.get(20, TimeUnit.SECONDS).logTail()).doesNotContain("Init Duration:");
        assertThat(lambda.environments(API, "1")).containsExactly(2, 0);
        assertThat(reports).extracting(LambdaObserver.Report::coldStart).containsExactly(true, false, true, false);
    }

    @Test
    void an_environment_idle_past_the_idle_timeout_is_reclaimed_and_the_next_invocation_starts_cold() {
        open(LambdaSettings.DEFAULT.withIdleTimeout(Duration.ofMillis(200)));
        register(plain());
        lambda.deploy();
        assertThat(lambda.invoke(API, Optional.of("live"), get("x")).logTail()).contains("Init Duration:");

        await().atMost(Duration.ofSeconds(10)).until(() -> lambda.environments(API, "1")[0] == 0);
        assertThat(lambda.invoke(API, Optional.of("live"), get("x")).logTail()).contains("Init Duration:");
    }

    @Test
    void provisioned_environments_never_report_an_init_and_invocations_beyond_them_spill_over() throws Exception {
        open(LambdaSettings.DEFAULT);
        register(settings(API, false, OptionalInt.of(1), Optional.empty()));
        lambda.deploy();
        assertThat(lambda.environments(API, "1")).containsExactly(0, 1);

        CompletableFuture<Invocation> onProvisioned = blocked("live", "block-p");
        Invocation spilled = lambda.invoke(API, Optional.of("live"), get("x"));
        store.release("block-p");
        Invocation provisioned = onProvisioned.get(20, TimeUnit.SECONDS);
        Invocation again = lambda.invoke(API, Optional.of("live"), get("x"));

        assertThat(provisioned.logTail()).doesNotContain("Init Duration:");
        assertThat(again.logTail()).doesNotContain("Init Duration:");
        assertThat(spilled.logTail()).contains("Init Duration:");
        assertThat(reports).filteredOn(LambdaObserver.Report::spillover).hasSize(1);
        assertThat(reports).filteredOn(LambdaObserver.Report::provisioned).hasSize(2);
    }

    // ------------------------------------------------------------------------------------------------ SnapStart

    @Test
    void a_snapstart_version_is_primed_at_publish_and_each_environment_restores_from_it() throws Exception {
        open(LambdaSettings.DEFAULT);
        lambda.latestCodeFrom(variant(VariantCode.priming()));
        register(settings(API, true, OptionalInt.empty(), Optional.empty()));
        lambda.deploy();

        Invocation first = lambda.invoke(API, Optional.of("live"), get("x"));
        assertThat(response(first).getBody()).isEqualTo("primed=1 restored=1 built=1");
        assertThat(first.logTail()).contains("Restore Duration:").doesNotContain("Init Duration:");

        CompletableFuture<Invocation> busy = blocked("live", "block-s");
        Invocation second = lambda.invoke(API, Optional.of("live"), get("x"));
        store.release("block-s");
        busy.get(20, TimeUnit.SECONDS);
        // A second environment restores: its own handler built in the warm loader, no new priming, and the afterRestore
        // hooks of every resource registered in the version's loader (the first environment's handler's too: one
        // context).
        assertThat(response(second).getBody()).isEqualTo("primed=1 restored=3 built=2");
        assertThat(second.logTail()).contains("Restore Duration:");
    }

    @Test
    void a_snapstart_init_that_fails_fails_the_publish_and_leaves_no_version() throws Exception {
        open(LambdaSettings.DEFAULT);
        register(settings(API, true, OptionalInt.empty(), Optional.empty()));
        lambda.deploy();
        lambda.latestCodeFrom(variant(VariantCode.failingInit()));

        assertThatThrownBy(() -> lambda.publishVersion(API, Optional.empty()))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.type()).isEqualTo(LambdaException.Type.SnapStartException);
                    assertThat(e.getMessage()).contains("ORDERS_TABLE_NAME names no table");
                });
        assertThat(lambda.versions(API)).extracting(Version::version).containsExactly(Version.LATEST, "1");
        assertThat(lambda.alias(API, "live").functionVersion()).isEqualTo("1");
    }

    @Test
    void snapstart_is_refused_with_provisioned_concurrency_efs_or_more_than_512_mb_of_ephemeral_storage() {
        FunctionSettings base = settings(API, true, OptionalInt.empty(), Optional.empty());
        List<FunctionSettings> refused = List.of(
                settings(API, true, OptionalInt.of(2), Optional.empty()),
                new FunctionSettings(
                        API,
                        base.handler(),
                        base.timeout(),
                        1024,
                        Optional.empty(),
                        "java21",
                        Map.of(),
                        true,
                        512,
                        OptionalInt.empty(),
                        true,
                        Map.of()),
                new FunctionSettings(
                        API,
                        base.handler(),
                        base.timeout(),
                        1024,
                        Optional.empty(),
                        "java21",
                        Map.of(),
                        true,
                        1024,
                        OptionalInt.empty(),
                        false,
                        Map.of()));
        List<String> messages = new ArrayList<>();
        for (FunctionSettings settings : refused) {
            assertThatThrownBy(() -> LambdaService.refuseSnapStartCombinations(settings))
                    .isInstanceOfSatisfying(LambdaException.class, e -> {
                        assertThat(e.type()).isEqualTo(LambdaException.Type.InvalidParameterValueException);
                        messages.add(e.getMessage());
                    });
        }
        assertThat(messages.get(0)).contains("Provisioned concurrency");
        assertThat(messages.get(1)).contains("Amazon EFS");
        assertThat(messages.get(2)).contains("512 MB");
        LambdaService.refuseSnapStartCombinations(base);
    }

    // ------------------------------------------------------------------------------------------------ concurrency

    @Test
    void reserved_concurrency_caps_the_function_across_all_its_versions() throws Exception {
        open(LambdaSettings.DEFAULT);
        register(settings(API, false, OptionalInt.empty(), Optional.of(1)));
        lambda.deploy();
        lambda.latestCodeFrom(variant(VariantCode.answering(418, "v2")));
        lambda.publishVersion(API, Optional.empty());

        CompletableFuture<Invocation> busy = blocked("1", "block-r");
        assertThatThrownBy(() -> lambda.invoke(API, Optional.of("2"), get("x")))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.type()).isEqualTo(LambdaException.Type.TooManyRequestsException);
                    assertThat(e.type().status()).isEqualTo(429);
                    assertThat(e.reason()).contains("ReservedFunctionConcurrentInvocationLimitExceeded");
                });
        store.release("block-r");
        busy.get(20, TimeUnit.SECONDS);
        assertThat(lambda.invoke(API, Optional.of("2"), get("x")).executedVersion())
                .isEqualTo("2");
        assertThat(throttles).containsExactly("ReservedFunctionConcurrentInvocationLimitExceeded");
    }

    @Test
    void functions_without_a_reservation_share_what_the_reservations_leave_of_the_account() throws Exception {
        open(LambdaSettings.DEFAULT.withAccountConcurrency(10));
        register(plain());
        register(settings("ReservedFunction", false, OptionalInt.empty(), Optional.of(8)));
        lambda.deploy();
        assertThat(lambda.settings().minimumUnreserved()).isEqualTo(1);
        assertThatThrownBy(() -> lambda.putReservedConcurrency("ReservedFunction", 10))
                .isInstanceOfSatisfying(
                        LambdaException.class,
                        e -> assertThat(e.getMessage())
                                .contains(
                                        "decreases account's UnreservedConcurrentExecution below its minimum value of [1]"));

        CompletableFuture<Invocation> first = blocked("live", "block-a");
        CompletableFuture<Invocation> second =
                CompletableFuture.supplyAsync(() -> lambda.invoke(API, Optional.of("live"), get("block-b")));
        await().atMost(Duration.ofSeconds(20)).until(() -> store.gates.containsKey("block-b"));
        assertThatThrownBy(() -> lambda.invoke(API, Optional.of("live"), get("x")))
                .isInstanceOfSatisfying(
                        LambdaException.class,
                        e -> assertThat(e.reason()).contains("ConcurrentInvocationLimitExceeded"));
        assertThat(lambda.invoke("ReservedFunction", Optional.of("live"), get("x"))
                        .executedVersion())
                .as("the reserved function keeps its own capacity")
                .isEqualTo("1");
        store.releaseAll();
        first.get(20, TimeUnit.SECONDS);
        second.get(20, TimeUnit.SECONDS);
    }

    @Test
    void new_environments_beyond_the_scaling_rate_are_throttled() throws Exception {
        open(LambdaSettings.DEFAULT.withScalingRate(1, Duration.ofHours(1)));
        register(plain());
        lambda.deploy();
        CompletableFuture<Invocation> busy = blocked("live", "block-s");
        assertThatThrownBy(() -> lambda.invoke(API, Optional.of("live"), get("x")))
                .isInstanceOfSatisfying(
                        LambdaException.class,
                        e -> assertThat(e.reason()).contains("FunctionInvocationRateLimitExceeded"));
        store.release("block-s");
        busy.get(20, TimeUnit.SECONDS);
        assertThat(lambda.invoke(API, Optional.of("live"), get("x")).logTail())
                .as("the warm environment needs no new one")
                .doesNotContain("Init Duration:");
    }

    // ------------------------------------------------------------------------------------------------ the boundary

    @Test
    void every_port_call_passes_the_interceptor_knowing_function_version_port_and_operation() {
        open(LambdaSettings.DEFAULT);
        register(plain());
        lambda.deploy();
        List<PortCall> calls = new CopyOnWriteArrayList<>();
        lambda.intercept((call, request, proceed) -> {
            calls.add(call);
            if (call.operation().equals("findOrder") && new String(request).contains("unavailable")) {
                throw new IllegalStateException(
                        "ProvisionedThroughputExceededException: Rate of requests exceeds the allowed throughput");
            }
            return proceed.get();
        });

        assertThat(response(lambda.invoke(API, Optional.of("live"), get("o-9"))).getStatusCode())
                .isEqualTo(404);
        assertThat(calls).containsExactly(new PortCall(API, "1", "orders", "orderStore", "findOrder"));
        APIGatewayProxyResponseEvent failed = response(lambda.invoke(API, Optional.of("live"), get("unavailable")));
        assertThat(failed.getStatusCode())
                .as("the handler's dependency-failure answer")
                .isEqualTo(503);
    }

    @Test
    void a_function_error_is_answered_with_lambdas_error_document() throws Exception {
        open(LambdaSettings.DEFAULT);
        register(plain());
        lambda.deploy();
        lambda.latestCodeFrom(variant(VariantCode.failingInit()));
        Invocation failed = lambda.invoke(API, Optional.empty(), get("x"));
        assertThat(failed.status()).isEqualTo(200);
        assertThat(failed.functionError()).contains("Unhandled");
        assertThat(new String(failed.payload()))
                .contains("\"errorType\":\"java.lang.IllegalStateException\"")
                .contains("ORDERS_TABLE_NAME names no table");
        assertThat(failed.executedVersion()).isEqualTo(Version.LATEST);
        assertThat(failed.logTail()).contains("INIT_REPORT");
        assertThatThrownBy(() -> lambda.invoke("Nope", Optional.empty(), get("x")))
                .isInstanceOfSatisfying(
                        LambdaException.class,
                        e -> assertThat(e.type().status()).isEqualTo(404));
    }
}
