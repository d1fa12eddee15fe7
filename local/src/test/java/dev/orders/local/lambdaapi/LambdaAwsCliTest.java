package dev.orders.local.lambdaapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.lambda.InMemoryLambda;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Lambda API through every AWS CLI installed (v1 on PATH, Debian's v2 at /usr/bin/aws): the README's commands.
 * Tagged {@code emulator}: a CLI call costs a Python start-up, so this runs with {@code ./orders test}.
 */
@Tag("emulator")
class LambdaAwsCliTest {

    static final String API = "OrderApiFunction";

    @TempDir
    Path data;

    InMemoryLambda lambda;
    LambdaEndpoint endpoint;

    record Run(int status, String out, String err) {
        JsonNode json() throws Exception {
            return Json.internal().readTree(out);
        }
    }

    static List<Path> clis() {
        return Stream.concat(
                        Stream.of(System.getenv("PATH").split(":")).map(dir -> Path.of(dir, "aws")),
                        Stream.of(Path.of("/usr/bin/aws")))
                .filter(Files::isExecutable)
                .distinct()
                .toList();
    }

    @BeforeEach
    void start() throws Exception {
        Assumptions.assumeFalse(clis().isEmpty(), "no AWS CLI installed");
        lambda = new InMemoryLambda().add(InMemoryLambda.info(API));
        lambda.build(API, "v1").publishVersion(API, Optional.empty());
        lambda.build(API, "v2").publishVersion(API, Optional.empty());
        lambda.alias(API, "live", "1")
                .behave(API, "*", (v, p, id) -> InMemoryLambda.ok(v, "{\"version\":\"" + v + "\"}"));
        endpoint = new LambdaEndpoint(data, lambda);
    }

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private Run aws(Path cli, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(cli.toString(), "lambda"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", endpoint.url(), "--region", "us-east-1", "--output", "json"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(data.toFile());
        builder.environment()
                .putAll(Map.of(
                        "AWS_ACCESS_KEY_ID",
                        "x",
                        "AWS_SECRET_ACCESS_KEY",
                        "x",
                        "AWS_PAGER",
                        "",
                        "AWS_MAX_ATTEMPTS",
                        "1"));
        Path stdout = Files.createTempFile(data, "out", ".txt");
        Path stderr = Files.createTempFile(data, "err", ".txt");
        Process process = builder.redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        int status = process.waitFor();
        return new Run(status, Files.readString(stdout), Files.readString(stderr));
    }

    @Test
    void the_cli_invokes_an_alias_and_reads_versions_aliases_and_a_409() throws Exception {
        Files.writeString(data.resolve("payload.json"), "{\"hello\":\"world\"}", StandardCharsets.UTF_8);
        for (Path cli : clis()) {
            Run invoked = aws(
                    cli,
                    "invoke",
                    "--function-name",
                    API + ":live",
                    "--payload",
                    "fileb://payload.json",
                    "answer.json");
            assertThat(invoked.status()).as(cli + ": " + invoked.err()).isZero();
            assertThat(invoked.json().path("StatusCode").asInt()).isEqualTo(200);
            assertThat(invoked.json().path("ExecutedVersion").asText())
                    .as(cli.toString())
                    .isEqualTo("1");
            assertThat(Files.readString(data.resolve("answer.json"))).isEqualTo("{\"version\":\"1\"}");

            Run versions = aws(cli, "list-versions-by-function", "--function-name", API);
            assertThat(versions.status()).as(cli + ": " + versions.err()).isZero();
            assertThat(versions.json().path("Versions").findValuesAsText("Version"))
                    .containsExactly("$LATEST", "1", "2");

            lambda.updateAlias(API, "live", Optional.empty(), Optional.of(Map.of("2", 0.1)));
            Run aliases = aws(cli, "list-aliases", "--function-name", API);
            assertThat(aliases.status()).as(cli + ": " + aliases.err()).isZero();
            assertThat(aliases.json()
                            .path("Aliases")
                            .get(0)
                            .path("RoutingConfig")
                            .path("AdditionalVersionWeights")
                            .path("2")
                            .asDouble())
                    .as(cli.toString())
                    .isEqualTo(0.1);
            lambda.updateAlias(API, "live", Optional.empty(), Optional.of(Map.of()));

            Run refused = aws(cli, "delete-function", "--function-name", API, "--qualifier", "1");
            assertThat(refused.status()).as(cli.toString()).isNotZero();
            assertThat(refused.err()).as(cli.toString()).contains("ResourceConflictException");

            int before = lambda.calls(API).size();
            Run queued = aws(
                    cli,
                    "invoke",
                    "--function-name",
                    API,
                    "--invocation-type",
                    "Event",
                    "--payload",
                    "fileb://payload.json",
                    "queued.json");
            assertThat(queued.status()).as(cli + ": " + queued.err()).isZero();
            assertThat(queued.json().path("StatusCode").asInt()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> lambda.calls(API).size() > before);
        }
        assertThat(lambda.versions(API)).hasSize(3);
    }
}
