package dev.orders.local.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.orders.local.Http;
import dev.orders.local.LocalPlatform;
import dev.orders.local.cli.Main;
import dev.orders.local.lambda.Alias;
import dev.orders.local.lambda.LambdaService;
import dev.orders.local.lambda.VariantCode;
import dev.orders.local.metrics.Observability;
import dev.orders.local.metrics.alarms.AlarmState;
import dev.orders.local.paths.OrderApiPath;
import dev.orders.local.store.Faults;
import dev.orders.local.template.SamTemplate;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetAliasResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;

/**
 * The article's production question rehearsed locally: {@code ./orders deploy} against a running platform whose
 * template deploys OrderApi with {@code Canary10Percent5Minutes} (watched at ×60: five minutes in five seconds), its
 * PreTraffic/PostTraffic hooks and its alarms, while clients place orders.
 */
class CanaryDeploymentTest {

    @TempDir
    static Path data;

    static LocalPlatform platform;
    static Http http;
    static String token;
    static LambdaClient lambda;

    @BeforeAll
    static void start() throws Exception {
        platform = LocalPlatform.open(
                        data,
                        Faults.none(),
                        SamTemplate.bundled(),
                        new Observability.Settings(60, Map.of("DeploymentType", "Canary10Percent5Minutes")))
                .start(0);
        http = new Http(platform.url());
        token = LocalPlatform.issuer(data).token("canary-customer", Duration.ofMinutes(30));
        lambda = LambdaClient.builder()
                .endpointOverride(URI.create(platform.url()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    @AfterAll
    static void stop() {
        lambda.close();
        platform.close();
    }

    /** As CodeDeploy would, a deployment started while a watched alarm is in ALARM stops at once: each test starts clean. */
    @BeforeEach
    void alarmsAreOk() {
        DeploymentPreference orderApi = DeploymentPreference.load(
                        new dev.orders.local.template.LocalNames(SamTemplate.bundled(), Map.of()))
                .get(OrderApiPath.FUNCTION);
        await("OrderApi's alarms are not in ALARM")
                .atMost(Duration.ofSeconds(30))
                .until(() -> orderApi.alarms().stream()
                        .noneMatch(
                                a -> platform.observability().alarms().status(a).state() == AlarmState.ALARM));
    }

    @Test
    void a_write_path_bug_passes_the_pre_traffic_hook_reaches_a_tenth_of_the_traffic_and_the_alarm_rolls_it_back() {
        String before = live().functionVersion();
        Cli deploy;
        try (Traffic traffic = Traffic.start()) {
            deploy = Cli.run(
                    "deploy", "--url", platform.url(), "--inject", "OrderApiFunction:errors=100%:route=POST /orders");
            assertThat(deploy.exit()).as(deploy.output()).isEqualTo(1);
            assertThat(traffic.count(500))
                    .as("clients saw the bad version's errors")
                    .isPositive();
        }
        DeploymentRecord d = latest();
        assertThat(d.status()).isEqualTo("Stopped");
        assertThat(d.rolledBack()).isTrue();
        // the function's Errors alarm and the API's 5xx alarm both see the errors; whichever CloudWatch evaluates first
        // stops it
        assertThat(d.reason())
                .containsPattern("alarm .*(OrderApiErrorsAlarm|Api5xxAlarm).* in ALARM")
                .contains("back to " + before);
        assertThat(deploy.output())
                .contains("version " + d.toVersion()
                        + " published with fault OrderApiFunction:errors=100%:route=POST /orders")
                .contains("BeforeAllowTraffic hook OrderApiPreTrafficHook reported Succeeded")
                .contains("AllowTraffic 10% → " + d.toVersion())
                .containsPattern("alarm (OrderApiErrorsAlarm|Api5xxAlarm) OK → ALARM")
                .contains("outcome: Stopped");
        // about a tenth of the requests reached the new version, and every one of them (all POSTs) failed
        long total = d.newInvocations() + d.oldInvocations();
        assertThat(d.newInvocations()).isPositive();
        assertThat(d.newErrors()).isEqualTo(d.newInvocations());
        assertThat(d.oldErrors()).isZero();
        if (total >= 50) {
            assertThat((double) d.newInvocations() / total)
                    .as(d.newInvocations() + " of " + total)
                    .isBetween(0.02, 0.3);
        }
        assertThat(live().functionVersion()).isEqualTo(before);
        assertThat(live().additionalVersionWeights()).isEmpty();
        for (int i = 0; i < 30; i++) {
            assertThat(placeOrder().statusCode())
                    .as("after the rollback every request succeeds")
                    .isEqualTo(202);
        }
    }

    @Test
    void a_version_that_fails_every_call_is_stopped_by_the_pre_traffic_hook_before_any_client_sees_it() {
        String before = live().functionVersion();
        Cli deploy;
        try (Traffic traffic = Traffic.start()) {
            deploy = Cli.run("deploy", "--url", platform.url(), "--inject", "OrderApiFunction:errors=100%");
            assertThat(deploy.exit()).as(deploy.output()).isEqualTo(1);
            assertThat(traffic.statuses()).as("zero client-visible errors").containsOnly(202);
        }
        DeploymentRecord d = latest();
        assertThat(d.status()).isEqualTo("Failed");
        assertThat(d.phase()).isEqualTo("BeforeAllowTraffic");
        assertThat(d.rolledBack()).isFalse();
        assertThat(d.newInvocations()).isZero();
        assertThat(d.reason())
                .contains("BeforeAllowTraffic hook OrderApiPreTrafficHook reported Failed")
                .contains("stays " + before);
        assertThat(live().functionVersion()).isEqualTo(before);
        assertThat(live().additionalVersionWeights()).isEmpty();
    }

    @Test
    void a_hook_that_never_answers_times_out_and_stops_the_deployment() {
        String before = live().functionVersion();
        // ×1200: the hook's 1-hour timeout is 3 s; the hook fails on every attempt, so it never reports
        Cli deploy = Cli.run(
                "deploy",
                "--url",
                platform.url(),
                "--time-scale",
                "1200",
                "--inject",
                "OrderApiFunction:delay=1ms",
                "--inject",
                "OrderApiPreTrafficHook:errors=100%");
        assertThat(deploy.exit()).as(deploy.output()).isEqualTo(1);
        DeploymentRecord d = latest();
        assertThat(d.status()).isEqualTo("Failed");
        assertThat(d.reason()).contains("did not report a status within 1 h (3.0 s at this scale)");
        assertThat(live().functionVersion()).isEqualTo(before);
        assertThat(platform.functionFaults().active())
                .as("a hook's fault lasts one run")
                .noneMatch(a -> a.fault().function().equals("OrderApiPreTrafficHook"));
        assertThat(platform.observability().time().factor())
                .as("the platform's own scale again")
                .isEqualTo(60);
    }

    @Test
    void a_post_traffic_hook_that_fails_rolls_back_after_the_whole_shift() {
        String before = live().functionVersion();
        Cli deploy = Cli.run(
                "deploy",
                "--url",
                platform.url(),
                "--time-scale",
                "1200",
                "--inject",
                "OrderApiFunction:delay=1ms",
                "--inject",
                "OrderApiPostTrafficHook:errors=100%");
        assertThat(deploy.exit()).as(deploy.output()).isEqualTo(1);
        DeploymentRecord d = latest();
        assertThat(d.status()).isEqualTo("Failed");
        assertThat(d.phase()).isEqualTo("AfterAllowTraffic");
        assertThat(d.rolledBack()).isTrue();
        assertThat(d.reason())
                .contains("AfterAllowTraffic hook OrderApiPostTrafficHook did not report")
                .contains("back to " + before);
        assertThat(deploy.output()).contains("AllowTraffic 100% → live = " + d.toVersion());
        assertThat(live().functionVersion()).isEqualTo(before);
    }

    @Test
    void during_the_canary_the_alias_routes_by_weight_and_a_deployment_keeps_its_versions_from_pruning() {
        String before = live().functionVersion();
        // a slow PreTraffic hook (3 s) leaves time to look at a deployment in progress; the version itself is healthy
        String run = platform.deployments()
                .start(new Deployments.Request(
                        60,
                        List.of(
                                dev.orders.local.faults.FunctionFault.parse("OrderApiFunction:delay=1ms"),
                                dev.orders.local.faults.FunctionFault.parse("OrderApiPreTrafficHook:delay=3s"))));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !platform.deployments().of(OrderApiPath.FUNCTION).isEmpty());
        DeploymentRecord d = platform.deployments().status(run, 0).orElseThrow().deployments().stream()
                .filter(r -> r.function().equals(OrderApiPath.FUNCTION))
                .findFirst()
                .orElseThrow();
        String next = d.toVersion();
        assertThat(platform.deployments().of(OrderApiPath.FUNCTION)).containsKeys(next, before);
        assertThatThrownBy(() -> lambda.deleteFunction(
                        r -> r.functionName(OrderApiPath.FUNCTION).qualifier(next)))
                .isInstanceOf(ResourceConflictException.class);
        Cli prune = Cli.run("versions", "prune", "--keep", "0", "--url", platform.url(), OrderApiPath.FUNCTION);
        assertThat(prune.output()).contains("keeping " + next + " (deployment " + d.id());
        assertThat(platform.lambda().version(OrderApiPath.FUNCTION, next)).isPresent();

        Set<Double> weightsSeen = ConcurrentHashMap.newKeySet();
        await("the canary's weight shows in GetAlias")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    GetAliasResponse alias = lambda.getAlias(
                            r -> r.functionName(OrderApiPath.FUNCTION).name(LambdaService.LIVE));
                    if (alias.routingConfig() != null
                            && alias.routingConfig().additionalVersionWeights().containsKey(next)) {
                        weightsSeen.add(
                                alias.routingConfig().additionalVersionWeights().get(next));
                        return alias.functionVersion().equals(before);
                    }
                    return false;
                });
        assertThat(weightsSeen).containsExactly(0.1);
        await("the deployment completes")
                .atMost(Duration.ofSeconds(60))
                .until(() -> platform.deployments().status(run, 0).orElseThrow().done());
        assertThat(platform.deployments().status(run, 0).orElseThrow().succeeded())
                .isTrue();
        GetAliasResponse after =
                lambda.getAlias(r -> r.functionName(OrderApiPath.FUNCTION).name(LambdaService.LIVE));
        assertThat(after.functionVersion()).isEqualTo(next);
        assertThat(after.routingConfig() == null
                        || after.routingConfig().additionalVersionWeights().isEmpty())
                .as("no RoutingConfig after")
                .isTrue();
        assertThat(platform.deployments().of(OrderApiPath.FUNCTION))
                .as("nothing in use once it ended")
                .isEmpty();
    }

    @Test
    void an_edited_build_whose_post_answers_500_is_rolled_back_and_the_fixed_build_completes() throws IOException {
        // The rehearsal by hand: OrderApiHandler edited so that POST /orders answers 500 (reads still work),
        // rebuilt.
        Path handler = Path.of(
                "..", "functions", "src", "main", "java", "dev", "orders", "functions", "api", "OrderApiHandler.java");
        String source = Files.readString(handler, StandardCharsets.UTF_8);
        String entry = "return Invocations.logged(context, () -> {";
        assertThat(source).contains(entry);
        String edited = source.replace(entry, """
                if ("POST".equals(event.getHttpMethod()) && "/orders".equals(event.getResource())) {
                            return new APIGatewayProxyResponseEvent().withStatusCode(500).withBody("{\\"message\\":\\"broken\\"}");
                        }
                        """ + entry);
        Path buggy = VariantCode.replacing(
                VariantCode.functionsJar(),
                Files.createDirectories(data.resolve("edited")),
                "dev.orders.functions.api.OrderApiHandler",
                edited);
        platform.lambda().latestCodeFrom(buggy);
        String before = live().functionVersion();
        Cli deploy;
        try (Traffic traffic = Traffic.start()) {
            deploy = Cli.run("deploy", "--url", platform.url());
            assertThat(deploy.exit()).as(deploy.output()).isEqualTo(1);
            assertThat(traffic.count(500))
                    .as("a tenth of the POSTs met the bug")
                    .isPositive();
        }
        DeploymentRecord bad = latest();
        assertThat(deploy.output()).contains("BeforeAllowTraffic hook OrderApiPreTrafficHook reported Succeeded");
        assertThat(bad.status()).isEqualTo("Stopped");
        assertThat(bad.rolledBack()).isTrue();
        // a 500 the handler returns is no function error: the API's 5xx alarm is the one that sees it
        assertThat(bad.reason()).contains("Api5xxAlarm").contains("back to " + before);
        assertThat(bad.newErrors()).isZero();
        assertThat(bad.newInvocations()).isPositive();
        assertThat(live().functionVersion()).isEqualTo(before);
        assertThat(platform.deployments().status(bad.run(), 0).orElseThrow().deployments())
                .as("the other functions of the build rolled back with the stack")
                .hasSizeGreaterThan(1)
                .allSatisfy(r -> assertThat(r.status()).isIn("Stopped", "Failed"));
        for (int i = 0; i < 20; i++) {
            assertThat(placeOrder().statusCode())
                    .as("after the rollback every request succeeds")
                    .isEqualTo(202);
        }

        // The fix: a healthy rebuild (the original handler, in a new build) completes and live points at its version.
        alarmsAreOk();
        Path fixed = data.resolve("fixed-functions.jar");
        Files.copy(VariantCode.functionsJar(), fixed);
        try (FileSystem jar = FileSystems.newFileSystem(fixed)) {
            Files.writeString(jar.getPath("rebuilt.txt"), UUID.randomUUID().toString(), StandardCharsets.UTF_8);
        }
        platform.lambda().latestCodeFrom(fixed);
        try (Traffic traffic = Traffic.start()) {
            deploy = Cli.run("deploy", "--url", platform.url());
            assertThat(deploy.exit()).as(deploy.output()).isZero();
            assertThat(traffic.statuses()).containsOnly(202);
        }
        DeploymentRecord d = latest();
        assertThat(d.status()).isEqualTo("Succeeded");
        assertThat(Integer.parseInt(d.toVersion())).isGreaterThan(Integer.parseInt(bad.toVersion()));
        assertThat(live().functionVersion()).isEqualTo(d.toVersion());
        assertThat(live().additionalVersionWeights()).isEmpty();
        assertThat(deploy.output())
                .contains("AfterAllowTraffic hook OrderApiPostTrafficHook reported Succeeded")
                .contains("outcome: Succeeded");
        // every function with a DeploymentPreference had its own deployment of the new build, side by side
        List<DeploymentRecord> run =
                platform.deployments().status(d.run(), 0).orElseThrow().deployments();
        assertThat(run)
                .extracting(DeploymentRecord::function)
                .contains(OrderApiPath.FUNCTION, "PaymentEventsFunction", "NotificationsFunction");
        assertThat(run).allSatisfy(r -> assertThat(r.status()).isEqualTo("Succeeded"));
        Cli listed = Cli.run("deployments", "--url", platform.url());
        assertThat(listed.exit()).isZero();
        assertThat(listed.output())
                .contains(d.id())
                .contains(bad.id())
                .contains("Stopped*")
                .contains(d.fromVersion() + "→" + d.toVersion());
    }

    @Test
    void when_one_deployment_of_a_run_fails_the_stack_rolls_back_the_others() {
        String webhookBefore = platform.lambda()
                .alias("PaymentWebhookFunction", LambdaService.LIVE)
                .functionVersion();
        Cli deploy = Cli.run(
                "deploy",
                "--url",
                platform.url(),
                "--inject",
                "OrderApiFunction:errors=100%",
                "--inject",
                "PaymentWebhookFunction:delay=1ms");
        assertThat(deploy.exit()).as(deploy.output()).isEqualTo(1);
        List<DeploymentRecord> run =
                platform.deployments().status(latest().run(), 0).orElseThrow().deployments();
        assertThat(run)
                .filteredOn(r -> r.function().equals(OrderApiPath.FUNCTION))
                .singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo("Failed"));
        assertThat(run)
                .filteredOn(r -> r.function().equals("PaymentWebhookFunction"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.status()).isEqualTo("Stopped");
                    assertThat(r.reason()).contains("stack rollback: OrderApiFunction's deployment");
                });
        assertThat(platform.lambda()
                        .alias("PaymentWebhookFunction", LambdaService.LIVE)
                        .functionVersion())
                .isEqualTo(webhookBefore);
        assertThat(platform.lambda()
                        .alias("PaymentWebhookFunction", LambdaService.LIVE)
                        .additionalVersionWeights())
                .isEmpty();
        Cli again = Cli.run("deploy", "--url", platform.url());
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(again.output())
                .as("a rehearsal's version is not deployed again by a deploy of the same build")
                .contains("nothing changed");
    }

    @Test
    void usage_errors_exit_2_and_change_nothing() {
        String before = live().functionVersion();
        Cli badSpec = Cli.run("deploy", "--url", platform.url(), "--inject", "OrderApiFunction:errors=150%");
        assertThat(badSpec.exit()).isEqualTo(2);
        assertThat(badSpec.output()).contains("errors must be more than 0% and at most 100%");
        Cli unknown = Cli.run("deploy", "--url", platform.url(), "--inject", "NoSuchFunction:errors=5%");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.output()).contains("no function NoSuchFunction");
        Cli badScale = Cli.run("deploy", "--url", platform.url(), "--time-scale", "0");
        assertThat(badScale.exit()).isEqualTo(2);
        assertThat(live().functionVersion()).isEqualTo(before);
    }

    private static Alias live() {
        return platform.lambda().alias(OrderApiPath.FUNCTION, LambdaService.LIVE);
    }

    private static DeploymentRecord latest() {
        return platform.deployments().list(50).stream()
                .filter(r -> r.function().equals(OrderApiPath.FUNCTION))
                .findFirst()
                .orElseThrow();
    }

    static HttpResponse<String> placeOrder() {
        return http.placeOrder(token, "canary-" + UUID.randomUUID(), Http.ORDER);
    }

    /** The command line in-process: its exit status and everything it printed. */
    record Cli(int exit, String output) {
        static Cli run(String... args) {
            StringWriter out = new StringWriter();
            var cli = Main.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(out, true));
            int exit = cli.execute(args);
            return new Cli(exit, out.toString());
        }
    }

    /** Clients placing orders one after another until closed, every answer's status kept. */
    static final class Traffic implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Integer> statuses = new CopyOnWriteArrayList<>();
        private final Thread thread;

        private Traffic() {
            this.thread = Thread.ofPlatform().name("canary-traffic").daemon().start(() -> {
                while (running.get()) {
                    statuses.add(placeOrder().statusCode());
                }
            });
        }

        static Traffic start() {
            return new Traffic();
        }

        List<Integer> statuses() {
            return List.copyOf(statuses);
        }

        long count(int status) {
            return statuses.stream().filter(s -> s == status).count();
        }

        @Override
        public void close() {
            running.set(false);
            try {
                thread.join(Duration.ofSeconds(30));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
