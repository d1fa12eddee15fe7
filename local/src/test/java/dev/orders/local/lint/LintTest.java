package dev.orders.local.lint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code ./orders lint} entry point: output lines and exit status. */
class LintTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void a_template_with_an_error_prints_severity_rule_resource_message_and_exits_1() throws IOException {
        Path template = write("sqs-visibility-timeout.yaml");

        int status = Lint.run(new String[] {template.toString()}, out);

        assertThat(status).isEqualTo(1);
        assertThat(output()).containsPattern("ERROR +sqs-visibility-timeout +WorkQueue +VisibilityTimeout 60 s")
                .contains("lint: 1 error(s), 0 warning(s)");
    }

    @Test
    void a_clean_template_exits_0() throws IOException {
        assertThat(Lint.run(new String[] {write("clean.yaml").toString()}, out)).isZero();
        assertThat(output()).contains("lint: 0 error(s), 0 warning(s)");
    }

    @Test
    void warnings_alone_do_not_fail() throws IOException {
        Path template = dir.resolve("warn.yaml");
        Files.writeString(template, TemplateLinterTest.text("clean.yaml").replace("maxReceiveCount: 5", "maxReceiveCount: 2"));

        assertThat(Lint.run(new String[] {template.toString()}, out)).isZero();
        assertThat(output()).containsPattern("WARNING +queue-dlq +WorkQueue");
    }

    @Test
    void the_deployed_edge_function_grown_past_10_kb_or_importing_fs_fails_the_lint() throws IOException {
        String deployed = Files.readString(dev.orders.local.template.Repository.template());
        String importLine = "        import cf from 'cloudfront';\n";
        assertThat(deployed).contains(importLine);
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, deployed.replace(importLine, importLine + ("        // " + "x".repeat(200) + "\n").repeat(25)));
        Path fs = dir.resolve("fs.yaml");
        Files.writeString(fs, deployed.replace(importLine, importLine + "        import fs from 'fs';\n"));

        assertThat(Lint.run(new String[] {big.toString()}, out)).isEqualTo(1);
        assertThat(Lint.run(new String[] {fs.toString()}, out)).isEqualTo(1);
        assertThat(output())
                .containsPattern("ERROR +cloudfront-function +EdgeViewerRequestFunction +the code is \\d+ bytes; CloudFront Functions take at most 10 KB")
                .containsPattern("ERROR +cloudfront-function +EdgeViewerRequestFunction +imports 'fs', a module cloudfront-js-2.0 does not have");
    }

    @Test
    void a_missing_template_exits_2_saying_where_it_looked() {
        assertThat(Lint.run(new String[] {dir.resolve("nope.yaml").toString()}, out)).isEqualTo(2);
        assertThat(output()).contains("no template at").contains("nope.yaml");
    }

    @Test
    void a_file_that_is_not_a_template_exits_2() throws IOException {
        Path template = dir.resolve("list.yaml");
        Files.writeString(template, "- just\n- a list\n");

        assertThat(Lint.run(new String[] {template.toString()}, out)).isEqualTo(2);
    }

    @Test
    void unknown_options_print_usage() {
        assertThat(Lint.run(new String[] {"--frobnicate"}, out)).isEqualTo(2);
        assertThat(Lint.run(new String[] {"--help"}, out)).isZero();
        assertThat(output()).contains("usage: orders lint [TEMPLATE]");
    }

    private Path write(String fixture) throws IOException {
        Path file = dir.resolve(fixture);
        Files.writeString(file, TemplateLinterTest.text(fixture));
        return file;
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
