package dev.orders.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orders.local.template.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One function of the template started as Lambda starts it, in its own JVM under the runtime interface client,
 * with its environment resolved from the template, then invoked once with an AWS-shaped event. The verdict lists
 * what went wrong (nothing, when the function initialised and answered as its scenario expects).
 */
final class FunctionRun {

    /** The two ways Lambda starts a Java function. */
    enum Mode {
        /** A cold start: init, then the invocation. Credentials come as environment variables. */
        ON_DEMAND("on-demand"),
        /**
         * SnapStart's publication then restore: init, the {@code beforeCheckpoint} hooks (priming), the checkpoint
         * ({@code restore/next}), the {@code afterRestore} hooks, then the invocation. Credentials come from the
         * container-credentials endpoint, never from environment variables.
         */
        SNAP_START("snap-start");

        final String initializationType;

        Mode(String initializationType) {
            this.initializationType = initializationType;
        }
    }

    /** What the test knows after the run. */
    record Verdict(String function, Mode mode, List<String> failures, Duration took, Path log) {
        String describe() {
            return function + " [" + mode.initializationType + "]: "
                    + (failures.isEmpty() ? "ok" : String.join("; ", failures)) + " (" + took.toMillis() + " ms, log "
                    + log + ")";
        }
    }

    /** The emulators behind the AWS endpoints (dynalite, aws-ses-v2-local), and the test's own client of dynalite. */
    record Emulators(URI dynamoDb, URI sesV2, DynamoDbClient tables) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration INIT_AND_INVOKE_DEADLINE = Duration.ofSeconds(120);

    private final DeployedStack stack;
    private final LambdaJavaRuntime runtime;
    private final Emulators emulators;
    private final Path logs;

    FunctionRun(DeployedStack stack, LambdaJavaRuntime runtime, Emulators emulators, Path logs) {
        this.stack = stack;
        this.runtime = runtime;
        this.emulators = emulators;
        this.logs = logs;
    }

    Verdict run(String function, Mode mode, Scenario scenario) {
        Instant start = Instant.now();
        Path log = logs.resolve(function + "-" + mode.initializationType + ".log");
        List<String> failures = new ArrayList<>();
        try (AwsStubs aws = AwsStubs.start(
                        new AwsStubs.Backends(emulators.dynamoDb(), emulators.sesV2(), stack.queueUrls()));
                RuntimeApi api = RuntimeApi.start()) {
            runIn(aws, api, function, mode, scenario, log, failures);
        } catch (RuntimeException e) {
            failures.add("could not run: " + e);
        }
        if (!failures.isEmpty()) {
            failures.add("last lines of the function's output:\n" + tail(log, 25));
        }
        return new Verdict(function, mode, List.copyOf(failures), Duration.between(start, Instant.now()), log);
    }

    /** Starts the environment, invokes it once and checks; the process ends before its Runtime API does. */
    private void runIn(
            AwsStubs aws,
            RuntimeApi api,
            String function,
            Mode mode,
            Scenario scenario,
            Path log,
            List<String> failures) {
        Process process = null;
        try {
            SamTemplate template = stack.template();
            Map<String, Object> properties = template.properties(function);
            String handler = template.string(properties, "Handler")
                    .orElseThrow(() -> new IllegalStateException(function + " has no Handler"));
            int memory = template.integer(properties, "MemorySize").orElse(128);
            int timeout = template.integer(properties, "Timeout").orElse(3);
            Map<String, String> functionVariables = stack.environment(function);
            String run =
                    mode.initializationType + "-" + UUID.randomUUID().toString().substring(0, 8);
            Scenario.Context context =
                    new Scenario.Context(function, run, stack, functionVariables, aws, emulators.tables());
            String event = scenario.event(context);

            ProcessBuilder builder = new ProcessBuilder(runtime.command(handler, memory))
                    .directory(runtime.taskRoot().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> environment = builder.environment();
            environment.clear();
            environment.putAll(runtime.reservedVariables(
                    stack.functionName(function), handler, memory, api.address(), mode.initializationType));
            environment.putAll(credentials(mode, aws));
            environment.putAll(endpoints(aws));
            environment.putAll(functionVariables);
            process = builder.start();
            api.watch(process);

            CompletableFuture<RuntimeApi.Outcome> answer =
                    api.invoke(stack.functionArn(function) + ":live", Duration.ofSeconds(timeout), event);
            RuntimeApi.Outcome outcome = api.await(answer, INIT_AND_INVOKE_DEADLINE);
            checkStart(mode, scenario, context, api, failures);
            aws.calls().stream()
                    .filter(call -> call.service().equals("unknown"))
                    .forEach(call -> failures.add("called an AWS API the stubs do not answer: " + call.operation()));
            switch (outcome) {
                case RuntimeApi.Outcome.Response response -> check(scenario, context, response.body(), failures);
                case RuntimeApi.Outcome.InitError init ->
                    failures.add("init failed: " + errorSummary(init.body()) + " [" + init.errorType() + "]");
                case RuntimeApi.Outcome.RestoreError restore ->
                    failures.add("afterRestore failed: " + errorSummary(restore.body()));
                case RuntimeApi.Outcome.InvocationError error ->
                    failures.add(
                            "the invocation failed: " + errorSummary(error.body()) + " [" + error.errorType() + "]");
                case RuntimeApi.Outcome.Exited exited ->
                    failures.add("the runtime exited with status " + exited.status() + " before answering");
                case RuntimeApi.Outcome.NoAnswer none ->
                    failures.add("no answer within " + none.waited().toSeconds() + " s");
            }
        } catch (IOException e) {
            failures.add("could not start the runtime: " + e);
        } finally {
            // Lambda freezes or ends an environment; here it is ended before its Runtime API goes away.
            if (process != null) {
                process.destroyForcibly();
                try {
                    process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * SnapStart: the runtime asked to be checkpointed; before it, priming made exactly the scenario's calls, each
     * answered with a 2xx (a refused priming call is only logged by the function, so it would pass unseen), and
     * the SDK took its credentials from the container endpoint.
     */
    private static void checkStart(
            Mode mode, Scenario scenario, Scenario.Context context, RuntimeApi api, List<String> failures) {
        if (mode != Mode.SNAP_START) {
            if (api.checkpointRequested().isPresent()) {
                failures.add("an on-demand start asked to be checkpointed");
            }
            return;
        }
        Optional<Instant> checkpoint = api.checkpointRequested();
        if (checkpoint.isEmpty()) {
            if (api.initCompleted().isPresent()) {
                failures.add("under SnapStart the runtime never asked to be checkpointed (restore/next)");
            }
            return;
        }
        List<AwsStubs.Call> priming = context.aws().calls().stream()
                .filter(call ->
                        call.at().isBefore(checkpoint.get()) && !call.service().equals("credentials"))
                .toList();
        Set<String> made = priming.stream().map(AwsStubs.Call::describe).collect(Collectors.toCollection(TreeSet::new));
        Set<String> expected = scenario.primingCalls().stream()
                .map(call -> {
                    String[] parts = call.split(" ", 2);
                    return parts.length == 1 ? parts[0] : parts[0] + " " + context.variable(parts[1]);
                })
                .collect(Collectors.toCollection(TreeSet::new));
        if (!made.equals(expected)) {
            failures.add("priming before the checkpoint made " + made + ", expected " + expected);
        }
        // The receipts bucket is primed with a HEAD of a key that never exists: its 404 is the answer it expects.
        priming.stream()
                .filter(call -> !call.accepted() && !(call.describe().equals("s3.HeadObject") && call.status() == 404))
                .forEach(call -> failures.add("priming call " + call.describe() + " was answered " + call.status()));
        if (!expected.isEmpty()
                && context.aws().calls("credentials", "GetCredentials").stream().noneMatch(AwsStubs.Call::accepted)) {
            failures.add("the SDK never fetched the container credentials");
        }
    }

    private static void check(Scenario scenario, Scenario.Context context, String body, List<String> failures) {
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (IOException notJson) {
            failures.add("the answer is not JSON: " + body);
            return;
        }
        try {
            scenario.expect(context, answer);
        } catch (AssertionError wrong) {
            failures.add("unexpected answer " + body + ": " + wrong.getMessage().strip());
        }
    }

    private static Map<String, String> credentials(Mode mode, AwsStubs aws) {
        return mode == Mode.ON_DEMAND
                ? Map.of(
                        "AWS_ACCESS_KEY_ID",
                        "ASIARUNTIMECLIENTIT",
                        "AWS_SECRET_ACCESS_KEY",
                        "runtime-client-it-secret",
                        "AWS_SESSION_TOKEN",
                        "runtime-client-it-session")
                : Map.of(
                        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                        aws.url() + AwsStubs.CREDENTIALS_PATH,
                        "AWS_CONTAINER_AUTHORIZATION_TOKEN",
                        aws.credentialsToken());
    }

    /** Every AWS endpoint the functions use, at the stubs (which forward DynamoDB to dynalite and SES v2 to aws-ses-v2-local). */
    private static Map<String, String> endpoints(AwsStubs aws) {
        Map<String, String> endpoints = new HashMap<>();
        for (String service : List.of("DYNAMODB", "SQS", "EVENTBRIDGE", "LAMBDA", "CODEDEPLOY", "SESV2", "S3")) {
            endpoints.put("AWS_ENDPOINT_URL_" + service, aws.url());
        }
        return endpoints;
    }

    /** The runtime client's error document: {"errorMessage", "errorType", "stackTrace"}. */
    private static String errorSummary(String body) {
        try {
            JsonNode error = JSON.readTree(body);
            return error.path("errorType").asText() + ": "
                    + error.path("errorMessage").asText();
        } catch (IOException notJson) {
            return body;
        }
    }

    private static String tail(Path log, int lines) {
        if (!Files.isRegularFile(log)) {
            return "(the function printed nothing)";
        }
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
