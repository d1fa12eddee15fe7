package dev.orders.local.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.local.template.Repository;
import dev.orders.local.template.SamTemplate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./orders edge test} and {@code ./orders edge sync}. */
class EdgeCommandTest {

    @TempDir
    Path work;

    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void edge_test_prints_what_test_function_reports_and_the_time_taken() {
        Path fixture = EdgeFixtures.edge().resolve("test/fixtures/legacy-order-path.json");

        int status = EdgeTestCommand.run(fixture, work, 3, out);

        assertThat(status).isZero();
        JsonNode report = EdgeFixtures.json(printed());
        assertThat(report.at("/FunctionSummary/Runtime").asText()).isEqualTo("cloudfront-js-2.0");
        assertThat(report.at("/FunctionOutput/response/statusCode").asInt()).isEqualTo(301);
        assertThat(report.at("/FunctionOutput/response/headers/location/value").asText())
                .isEqualTo("/orders/ABC");
        assertThat(report.at("/FunctionErrorMessage").asText()).isEmpty();
        assertThat(report.at("/ExecutionTime/engine").asText()).startsWith("GraalJS ");
        assertThat(report.at("/ExecutionTime/medianOver").asInt()).isEqualTo(2);
        assertThat(report.at("/ExecutionTime/medianMicros").isNumber()).isTrue();
    }

    @Test
    void edge_test_reads_a_bare_event_and_the_data_folders_table() throws Exception {
        KeyValueStoreFile.open(
                work,
                "EdgeRedirects",
                "{\"data\": [{\"key\": \"/x\", \"value\": \"{\\\"to\\\": \\\"/y\\\", \\\"status\\\": 302}\"}]}");
        JsonNode event = EdgeFixtures.named("root").event().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.get("request")).put("uri", "/x");
        Path file = Files.writeString(work.resolve("event.json"), event.toString());

        int status = EdgeTestCommand.run(file, work, 1, out);

        assertThat(status).isZero();
        assertThat(EdgeFixtures.json(printed())
                        .at("/FunctionOutput/response/headers/location/value")
                        .asText())
                .isEqualTo("/y");
    }

    @Test
    void edge_test_refuses_what_is_not_a_viewer_request_event() throws Exception {
        Path notAnEvent = Files.writeString(work.resolve("x.json"), "{\"Records\": []}");
        Path notJson = Files.writeString(work.resolve("y.json"), "{");

        assertThat(EdgeTestCommand.run(notAnEvent, work, 1, out)).isEqualTo(2);
        assertThat(EdgeTestCommand.run(notJson, work, 1, out)).isEqualTo(2);
        assertThat(EdgeTestCommand.run(work.resolve("missing.json"), work, 1, out))
                .isEqualTo(2);
        assertThat(printed()).contains("is not a viewer-request event");
    }

    @Test
    void the_command_line_refuses_a_missing_event_and_a_run_count_out_of_range() {
        var cli = dev.orders.local.cli.Main.commandLine();
        cli.setOut(new java.io.PrintWriter(printed, true, StandardCharsets.UTF_8));
        cli.setErr(new java.io.PrintWriter(printed, true, StandardCharsets.UTF_8));

        assertThat(cli.execute("edge", "test")).isEqualTo(2);
        assertThat(printed()).contains("Missing required parameter: 'EVENT.json'");
        assertThat(cli.execute("edge", "test", "e.json", "--runs", "0")).isEqualTo(2);
        assertThat(printed()).contains("--runs takes a whole number from 1 to 999999");
    }

    /** A repository of two files: a copy of the template, and {@code code} as edge/viewer-request.js. */
    private Path repositoryWith(String code) throws Exception {
        Files.writeString(Files.createDirectories(work.resolve("edge")).resolve("viewer-request.js"), code);
        return Files.writeString(
                Files.createDirectories(work.resolve("infra")).resolve("template.yaml"),
                Files.readString(Repository.template()));
    }

    @Test
    void edge_sync_copies_the_file_into_the_template_and_touches_nothing_else() throws Exception {
        String original = Files.readString(Repository.template());
        String changed = EdgeFixtures.functionCode()
                .replace("const MAX_PREFIX_DEPTH = 3;", "const MAX_PREFIX_DEPTH = 2;\n\n// changed");
        Path template = repositoryWith(changed);

        int status = EdgeTemplateSync.run(template, out);

        assertThat(status).isZero();
        assertThat(printed()).contains("EdgeViewerRequestFunction: FunctionCode updated from edge/viewer-request.js");
        String synced = Files.readString(template);
        assertThat(SamTemplate.parse(synced)
                        .properties("EdgeViewerRequestFunction")
                        .get("FunctionCode"))
                .isEqualTo(changed);
        String around = original.substring(0, original.indexOf("      FunctionCode: |"));
        assertThat(synced).startsWith(around);
        assertThat(synced.substring(synced.indexOf("  # The cache key is what")))
                .isEqualTo(original.substring(original.indexOf("  # The cache key is what")));

        printed.reset();
        assertThat(EdgeTemplateSync.run(template, out)).isZero();
        assertThat(printed()).contains("already matches");
    }

    @Test
    void edge_sync_refuses_a_file_that_would_not_read_back_byte_for_byte() throws Exception {
        String original = Files.readString(Repository.template());
        Path template = repositoryWith(EdgeFixtures.functionCode() + "\n\n");

        assertThat(EdgeTemplateSync.run(template, out)).isEqualTo(1);
        assertThat(printed()).contains("exactly one newline");
        assertThat(Files.readString(template)).isEqualTo(original);
    }
}
