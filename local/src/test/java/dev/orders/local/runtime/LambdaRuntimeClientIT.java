package dev.orders.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.orders.functions.aws.Dynalite;
import dev.orders.functions.aws.SesLocal;
import dev.orders.local.template.Repository;
import dev.orders.local.template.SamTemplate;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every function of infra/template.yaml started as Lambda's java21 runtime starts it: the shaded deployment package
 * unzipped as the task root, AWS's runtime interface client ({@code aws-lambda-java-runtime-interface-client}) as the
 * entry point talking to a Runtime API of our own ({@link RuntimeApi}), the handler string and environment variables
 * from the template (resolved as CloudFormation would: {@link DeployedStack}), Lambda's reserved variables, and AWS
 * endpoints pointed at stubs that answer the real JSON protocols and forward DynamoDB to dynalite and SES v2 to
 * aws-ses-v2-local ({@link AwsStubs}).
 * <p>
 * Each function runs twice, once per start mode: on demand, and SnapStart's path (init, {@code beforeCheckpoint}
 * hooks with priming, checkpoint, {@code afterRestore} hooks, then the invocation). Each run sends one AWS-shaped
 * event through the runtime client's own deserialization and checks the answer the client serialized
 * ({@link Scenarios}). The runs go in parallel, a few JVMs at a time.
 */
@Tag("emulator")
@ExtendWith({Dynalite.class, SesLocal.class})
class LambdaRuntimeClientIT {

    private static final String STACK = "orders-ric";
    private static final int PARALLEL_JVMS =
            Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private static Path work;
    private static LambdaJavaRuntime runtime;
    private static FunctionRun.Emulators emulators;

    @BeforeAll
    static void prepare(Dynalite.Endpoint dynalite, URI sesV2) throws IOException {
        Path root = Repository.root();
        work = root.resolve("local/target/lambda-runtime-it");
        Files.createDirectories(work.resolve("logs"));
        String runtimeDir = System.getProperty(
                "orders.lambdaRuntime",
                root.resolve("local/target/lambda-runtime").toString());
        SamTemplate template = SamTemplate.read(Repository.template());
        Path deploymentPackage = Repository.template()
                .getParent()
                .resolve(String.valueOf(
                        SamTemplate.mapOf(SamTemplate.mapOf(template.tree().get("Globals"))
                                        .get("Function"))
                                .get("CodeUri")))
                .normalize();
        runtime = LambdaJavaRuntime.prepare(Path.of(runtimeDir), deploymentPackage, work);
        String table = new DeployedStack(template, STACK, Scenarios.SECRETS).ref("OrdersTable", "setup");
        emulators = new FunctionRun.Emulators(dynalite.uri(), sesV2, dynalite.withTable(table));
    }

    @AfterAll
    static void closeClient() {
        if (emulators != null) {
            emulators.tables().close();
        }
    }

    @TestFactory
    Stream<DynamicTest> every_function_of_the_template_starts_under_the_runtime_client_and_answers_its_event() {
        DeployedStack stack = new DeployedStack(SamTemplate.read(Repository.template()), STACK, Scenarios.SECRETS);
        List<String> functions = functions(stack.template());
        assertThat(functions).as("functions in the template").isNotEmpty();
        Instant start = Instant.now();
        Map<String, CompletableFuture<FunctionRun.Verdict>> runs = startAll(stack, functions);
        List<DynamicTest> tests = new ArrayList<>();
        runs.forEach((name, verdict) -> tests.add(DynamicTest.dynamicTest(name, () -> {
            FunctionRun.Verdict result = verdict.join();
            System.out.println(result.describe());
            if (!result.failures().isEmpty()) {
                fail(result.describe());
            }
        })));
        tests.add(DynamicTest.dynamicTest("took", () -> {
            CompletableFuture.allOf(runs.values().toArray(CompletableFuture[]::new))
                    .join();
            System.out.printf(
                    "runtime-client test: %d runs in %d ms, %d JVMs at a time%n",
                    runs.size(), Duration.between(start, Instant.now()).toMillis(), PARALLEL_JVMS);
        }));
        return tests.stream();
    }

    /** A copy of the template with one handler misspelt: the runtime client finds no class, and the test says so. */
    @Test
    void a_handler_that_does_not_exist_fails_the_check() throws IOException {
        String text = Files.readString(Repository.template());
        String misspelt = text.replace(
                "dev.orders.functions.api.OrderApiHandler::handleRequest",
                "dev.orders.functions.api.OrderApiHandlr::handleRequest");
        assertThat(misspelt).isNotEqualTo(text);
        DeployedStack stack = new DeployedStack(SamTemplate.parse(misspelt), STACK, Scenarios.SECRETS);

        FunctionRun.Verdict verdict = new FunctionRun(stack, runtime, emulators, work.resolve("logs"))
                .run("OrderApiFunction", FunctionRun.Mode.ON_DEMAND, Scenarios.ORDER_API);

        assertThat(verdict.failures()).as(verdict.describe()).isNotEmpty();
        assertThat(verdict.failures().getFirst()).contains("Class not found: dev.orders.functions.api.OrderApiHandlr");
    }

    private static Map<String, CompletableFuture<FunctionRun.Verdict>> startAll(
            DeployedStack stack, List<String> functions) {
        FunctionRun harness = new FunctionRun(stack, runtime, emulators, work.resolve("logs"));
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_JVMS);
        Map<String, CompletableFuture<FunctionRun.Verdict>> runs = new LinkedHashMap<>();
        for (String function : functions) {
            for (FunctionRun.Mode mode : FunctionRun.Mode.values()) {
                String name = function + " [" + mode.initializationType + "]";
                runs.put(
                        name,
                        Scenarios.of(function)
                                .map(scenario -> CompletableFuture.supplyAsync(
                                        () -> harness.run(function, mode, scenario), pool))
                                .orElseGet(() -> CompletableFuture.completedFuture(new FunctionRun.Verdict(
                                        function,
                                        mode,
                                        List.of("no scenario in Scenarios for this function of the template"),
                                        Duration.ZERO,
                                        work.resolve("logs")))));
            }
        }
        CompletableFuture.allOf(runs.values().toArray(CompletableFuture[]::new))
                .whenComplete((done, failed) -> pool.shutdown());
        return runs;
    }

    private static List<String> functions(SamTemplate template) {
        return template.resources().keySet().stream()
                .filter(id -> template.type(id).equals("AWS::Serverless::Function"))
                .toList();
    }
}
