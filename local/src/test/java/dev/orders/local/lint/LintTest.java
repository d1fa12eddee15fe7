package dev.orders.local.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./orders lint} entry point: output lines and exit status. */
class LintTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void a_template_with_an_error_prints_severity_rule_resource_message_and_exits_1() throws IOException {
        Path template = write("sqs-visibility-timeout.yaml");

        int status = lint(new String[] {template.toString()});

        assertThat(status).isEqualTo(1);
        assertThat(output())
                .containsPattern("ERROR +sqs-visibility-timeout +WorkQueue +VisibilityTimeout 60 s")
                .contains("lint: 1 error(s), 0 warning(s)");
    }

    @Test
    void a_clean_template_exits_0() throws IOException {
        assertThat(lint(new String[] {write("clean.yaml").toString()})).isZero();
        assertThat(output()).contains("lint: 0 error(s), 0 warning(s)");
    }

    @Test
    void warnings_alone_do_not_fail() throws IOException {
        Path template = dir.resolve("warn.yaml");
        Files.writeString(
                template, TemplateLinterTest.text("clean.yaml").replace("maxReceiveCount: 5", "maxReceiveCount: 2"));

        assertThat(lint(new String[] {template.toString()})).isZero();
        assertThat(output()).containsPattern("WARNING +queue-dlq +WorkQueue");
    }

    @Test
    void the_deployed_edge_function_grown_past_10_kb_or_importing_fs_fails_the_lint() throws IOException {
        String deployed = Files.readString(dev.orders.local.template.Repository.template());
        String importLine = "        import cf from 'cloudfront';\n";
        assertThat(deployed).contains(importLine);
        Path big = dir.resolve("big.yaml");
        Files.writeString(
                big, deployed.replace(importLine, importLine + ("        // " + "x".repeat(200) + "\n").repeat(25)));
        Path fs = dir.resolve("fs.yaml");
        Files.writeString(fs, deployed.replace(importLine, importLine + "        import fs from 'fs';\n"));

        assertThat(Lint.run(new String[] {big.toString()}, out)).isEqualTo(1);
        assertThat(Lint.run(new String[] {fs.toString()}, out)).isEqualTo(1);
        assertThat(output())
                .containsPattern(
                        "ERROR +cloudfront-function +EdgeViewerRequestFunction +the code is \\d+ bytes; CloudFront Functions take at most 10 KB")
                .containsPattern(
                        "ERROR +cloudfront-function +EdgeViewerRequestFunction +imports 'fs', a module cloudfront-js-2.0 does not have");
    }

    @Test
    void a_missing_template_exits_2_saying_where_it_looked() {
        assertThat(lint(new String[] {dir.resolve("nope.yaml").toString()})).isEqualTo(2);
        assertThat(output()).contains("no template at").contains("nope.yaml");
    }

    @Test
    void a_file_that_is_not_a_template_exits_2() throws IOException {
        Path template = dir.resolve("list.yaml");
        Files.writeString(template, "- just\n- a list\n");

        assertThat(lint(new String[] {template.toString()})).isEqualTo(2);
    }

    @Test
    void unknown_options_print_usage() {
        assertThat(lint(new String[] {"--frobnicate"})).isEqualTo(2);
        assertThat(lint(new String[] {"--help"})).isZero();
        assertThat(output()).contains("usage: orders lint [TEMPLATE]");
    }

    @Test
    void without_cfn_lint_it_says_loudly_that_aws_checks_did_not_run_and_how_to_install_it() throws IOException {
        assertThat(lint(new String[] {write("clean.yaml").toString()})).isZero();
        assertThat(output())
                .contains("cfn-lint: NOT RUN, it is not installed")
                .contains("pip install cfn-lint==1.51.0");
    }

    @Test
    void a_cfn_lint_error_fails_the_lint_and_is_printed_beside_the_projects_findings() throws IOException {
        Path template = write("clean.yaml");
        CfnLint reporting = fakeCfnLint(2, """
                [{"Level":"Error","Message":"Circular Dependencies for resource A","Rule":{"Id":"E3004"},
                  "Location":{"Path":["Resources","A"],"Start":{"LineNumber":7}}},
                 {"Level":"Warning","Message":"unused parameter","Rule":{"Id":"W2001"},
                  "Location":{"Path":["Parameters","P"],"Start":{"LineNumber":3}}},
                 {"Level":"Informational","Message":"not shown","Rule":{"Id":"I3011"},"Location":{"Path":["Resources","Q"]}}]""");

        assertThat(Lint.run(new String[] {template.toString()}, out, reporting)).isEqualTo(1);
        assertThat(output())
                .contains("lint: 0 error(s), 0 warning(s)")
                .containsPattern("ERROR +cfn-lint:E3004 +A +Circular Dependencies for resource A \\(line 7\\)")
                .containsPattern("WARNING +cfn-lint:W2001 +- +unused parameter")
                .doesNotContain("not shown")
                .contains("cfn-lint 1.51.0: 1 error(s), 1 warning(s)");
    }

    @Test
    void cfn_lint_warnings_alone_pass_and_another_version_is_named() throws IOException {
        CfnLint warning = fakeCfnLint(4, """
                [{"Level":"Warning","Message":"w","Rule":{"Id":"W1"},"Location":{"Path":["Resources","A"],"Start":{"LineNumber":1}}}]""", "cfn-lint 9.9.9");

        assertThat(Lint.run(new String[] {write("clean.yaml").toString()}, out, warning))
                .isZero();
        assertThat(output()).contains("cfn-lint 9.9.9 (the project pins 1.51.0): 0 error(s), 1 warning(s)");
    }

    @Test
    void a_cfn_lint_that_cannot_run_fails_the_lint_instead_of_passing_it() throws IOException {
        CfnLint broken = fakeCfnLint(1, "Traceback (most recent call last): boom");

        assertThat(Lint.run(new String[] {write("clean.yaml").toString()}, out, broken))
                .isEqualTo(1);
        assertThat(output()).contains("cfn-lint: could not run").contains("boom");
    }

    @Test
    void a_cfn_lint_that_exits_with_errors_but_prints_none_is_not_a_pass() throws IOException {
        CfnLint silent = fakeCfnLint(2, "[]");

        assertThat(Lint.run(new String[] {write("clean.yaml").toString()}, out, silent))
                .isEqualTo(1);
        assertThat(output()).contains("reported none");
    }

    private int lint(String[] args) {
        return Lint.run(args, out, CfnLint.at(Optional.empty()));
    }

    private CfnLint fakeCfnLint(int status, String json) throws IOException {
        return fakeCfnLint(status, json, "cfn-lint 1.51.0");
    }

    /** A stand-in executable: answers --version, and prints the report with the exit status otherwise. */
    private CfnLint fakeCfnLint(int status, String json, String version) throws IOException {
        Path report = Files.writeString(dir.resolve("report-" + status + ".json"), json);
        Path script = dir.resolve("cfn-lint-" + status);
        Files.writeString(script, """
                #!/bin/sh
                if [ "$1" = "--version" ]; then echo '%s'; exit 0; fi
                cat '%s'
                exit %d
                """.formatted(version, report, status));
        assertThat(script.toFile().setExecutable(true)).isTrue();
        return CfnLint.at(Optional.of(script));
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
