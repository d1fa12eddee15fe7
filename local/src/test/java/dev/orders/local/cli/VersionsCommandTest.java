package dev.orders.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.asyncinvoke.EventInvokeConfigs;
import dev.orders.local.lambda.InMemoryLambda;
import dev.orders.local.lambda.Version;
import dev.orders.local.lambdaapi.LambdaEndpoint;
import dev.orders.local.time.TimeScale;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./orders publish} and {@code ./orders versions [prune]} against a running Lambda API (the same SDK calls they
 * make against AWS), over a small in-memory Lambda.
 */
class VersionsCommandTest {

    static final String API = "OrderApiFunction";
    static final String NOTIFICATIONS = "NotificationsFunction";

    @TempDir
    Path data;

    InMemoryLambda lambda;
    LambdaEndpoint endpoint;
    final Map<String, String> deployments = new ConcurrentHashMap<>();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        lambda = new InMemoryLambda().add(InMemoryLambda.info(API)).add(InMemoryLambda.info(NOTIFICATIONS));
        endpoint = new LambdaEndpoint(
                data,
                lambda,
                EventInvokeConfigs.NONE,
                f -> f.equals(API) ? Map.copyOf(deployments) : Map.of(),
                TimeScale.of(1, Instant.now()));
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** Five builds of OrderApi, each published by the command: versions 1 to 5. */
    private void fivePublishes() {
        for (int i = 1; i <= 5; i++) {
            lambda.build(API, "build " + i);
            assertThat(run("publish", API, "--data", data.toString()))
                    .as(err.toString())
                    .isZero();
            assertThat(out.toString()).startsWith(API + ": published version " + i + " (code ");
        }
    }

    /** The same five versions, published straight on the model (for the tests about what comes after). */
    private void fiveVersions() {
        for (int i = 1; i <= 5; i++) {
            lambda.build(API, "build " + i).publishVersion(API, Optional.empty());
        }
    }

    private java.util.List<String> versions() {
        return lambda.versions(API).stream().map(Version::version).toList();
    }

    @Test
    void publish_publishes_what_changed_and_says_unchanged_for_the_rest() {
        fivePublishes();
        assertThat(run("publish", "--data", data.toString())).isZero();
        assertThat(out.toString())
                .contains(NOTIFICATIONS + ": published version 1")
                .contains(API + ": unchanged, latest version 5");
    }

    @Test
    void prune_keep_2_after_five_publishes_leaves_the_two_newest_and_the_one_an_alias_uses() {
        fivePublishes();
        lambda.alias(API, "live", "2");

        assertThat(run("versions", "prune", "--keep", "2", "--dry-run", "--data", data.toString()))
                .as(err.toString())
                .isZero();
        assertThat(out.toString())
                .contains(
                        API
                                + ": 5 published; keeping 5 (newest 2); keeping 4 (newest 2); keeping 2 (alias live); would delete 1, 3")
                .contains(NOTIFICATIONS + ": 0 published; nothing to delete");
        assertThat(versions()).as("a dry run deletes nothing").containsExactly("$LATEST", "1", "2", "3", "4", "5");

        assertThat(run("versions", "prune", "--keep", "2", "--data", data.toString()))
                .as(err.toString())
                .isZero();
        assertThat(out.toString()).contains("  deleted " + API + ":1").contains("  deleted " + API + ":3");
        assertThat(versions()).containsExactly("$LATEST", "2", "4", "5");
    }

    @Test
    void prune_never_deletes_a_version_a_routing_weight_or_a_deployment_in_progress_uses() {
        fiveVersions();
        lambda.alias(API, "live", "2");
        lambda.updateAlias(API, "live", Optional.empty(), Optional.of(Map.of("3", 0.1)));
        deployments.put("1", "deployment d-9, PreTraffic hook running");
        assertThat(run("versions", "prune", "--keep", "1", API, "--data", data.toString()))
                .as(err.toString())
                .isZero();
        assertThat(out.toString())
                .contains("keeping 3 (alias live weight 10%)")
                .contains("keeping 1 (deployment d-9, PreTraffic hook running)")
                .contains("deleting 4");
        assertThat(versions()).containsExactly("$LATEST", "1", "2", "3", "5");
    }

    @Test
    void versions_lists_age_size_snapstart_and_what_uses_each_version_as_a_table_or_json() throws Exception {
        fiveVersions();
        lambda.alias(API, "live", "4");
        lambda.updateAlias(API, "live", Optional.empty(), Optional.of(Map.of("5", 0.25)));
        assertThat(run("versions", API, "--data", data.toString()))
                .as(err.toString())
                .isZero();
        assertThat(out.toString())
                .contains("VERSION  AGE      CODE SIZE  SNAPSTART  USED BY")
                .containsPattern("  5 +\\d+ s +976\\.6 KB +On +alias live weight 25%")
                .containsPattern("  4 .* alias live\\R")
                .containsPattern("  1 .* -\\R");
        assertThat(run("versions", "--json", "--data", data.toString())).isZero();
        JsonNode json = Json.internal().readTree(out.toString());
        assertThat(json.path("functions").get(0).path("function").asText()).isEqualTo(NOTIFICATIONS);
        assertThat(json.path("functions").get(0).path("versions")).isEmpty();
        JsonNode api = json.path("functions").get(1);
        assertThat(api.path("function").asText()).isEqualTo(API);
        assertThat(api.path("versions").get(0).path("version").asText()).isEqualTo("5");
        assertThat(api.path("versions").get(0).path("usedBy").get(0).asText()).isEqualTo("alias live weight 25%");
        assertThat(api.path("versions").get(0).path("snapStart").asText()).isEqualTo("On");
        assertThat(api.path("aliases")
                        .get(0)
                        .path("additionalVersionWeights")
                        .path("5")
                        .asDouble())
                .isEqualTo(0.25);
    }

    @Test
    void with_aws_the_same_calls_go_to_the_endpoint_and_region_given_with_credentials_from_the_default_chain() {
        fiveVersions();
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "secret");
        try {
            assertThat(run(
                            "versions",
                            "prune",
                            "--keep",
                            "3",
                            "--aws",
                            "--region",
                            "eu-west-1",
                            "--endpoint-url",
                            endpoint.url(),
                            API))
                    .as(err.toString())
                    .isZero();
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
        assertThat(versions()).containsExactly("$LATEST", "3", "4", "5");
    }

    @Test
    void mistakes_are_usage_errors_or_one_line_failures_and_change_nothing() {
        fiveVersions();
        assertThat(run("versions", "prune", "--data", data.toString()))
                .as("--keep is required")
                .isEqualTo(2);
        assertThat(run("versions", "prune", "--keep", "-1", "--data", data.toString()))
                .isEqualTo(2);
        assertThat(run("versions", "prune", "--keep", "1", "--aws", "--region", "us-east-1"))
                .as("name the functions in an account")
                .isEqualTo(2);
        assertThat(err.toString()).contains("--all");
        assertThat(run("versions", "prune", "--keep", "1", "--region", "us-east-1", "--data", data.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).contains("go with --aws");
        assertThat(run("versions", "NoSuchFunction", "--data", data.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("ResourceNotFoundException").contains("NoSuchFunction");
        assertThat(versions()).containsExactly("$LATEST", "1", "2", "3", "4", "5");
    }

    @Test
    void without_a_running_platform_the_commands_say_how_to_start_one(@TempDir Path elsewhere) {
        assertThat(run("publish", "--data", elsewhere.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("start the platform first");
        assertThat(run("versions", "--url", "http://127.0.0.1:1")).isEqualTo(1);
        assertThat(err.toString()).contains("cannot reach");
    }
}
