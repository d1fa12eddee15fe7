package dev.orders.local.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.local.template.Repository;
import dev.orders.local.template.SamTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each rule against a small template broken in exactly its way; the real template against all of them. */
class TemplateLinterTest {

    private final TemplateLinter linter = TemplateLinter.withAllRules();

    static List<String> ruleNames() {
        return TemplateLinter.allRules().stream().map(LintRule::name).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleNames")
    void each_rule_fires_on_its_fixture_and_no_other_rule_does(String rule) {
        List<Finding> findings = linter.lint(fixture(rule + ".yaml"));

        assertThat(findings).isNotEmpty();
        assertThat(findings).extracting(Finding::rule).containsOnly(rule);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"clean.yaml", "stream-clean.yaml", "edge-clean.yaml", "cloudfront-function-clean.yaml"})
    void a_template_with_every_backstop_passes_clean(String fixture) {
        assertThat(linter.lint(fixture(fixture))).isEmpty();
    }

    @Test
    void the_deployed_template_passes_clean() {
        assertThat(linter.lint(SamTemplate.read(Repository.template()))).isEmpty();
    }

    @Test
    void the_deployed_template_is_really_examined() throws IOException {
        String shortened = Files.readString(Repository.template())
                .replace("VisibilityTimeout: 120", "VisibilityTimeout: 60")
                .replace("BisectBatchOnFunctionError: true", "BisectBatchOnFunctionError: false")
                .replace("TimeoutInMillis: 29000", "TimeoutInMillis: 9000");

        assertThat(linter.lint(SamTemplate.parse(shortened)))
                .extracting(Finding::rule, Finding::resource)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("sqs-visibility-timeout", "PaymentEventsQueue"),
                        org.assertj.core.groups.Tuple.tuple("api-timeout-budget", "OrderApiFunction"),
                        org.assertj.core.groups.Tuple.tuple("stream-failure-handling", "FulfillmentEventsFunction"),
                        org.assertj.core.groups.Tuple.tuple("stream-failure-handling", "OutboxPublisherFunction"));
    }

    @Test
    void the_visibility_rule_counts_the_batching_window() {
        assertThat(linter.lint(fixture("sqs-visibility-timeout.yaml")))
                .singleElement()
                .satisfies(finding -> {
                    assertThat(finding.resource()).isEqualTo("WorkQueue");
                    assertThat(finding.message())
                            .contains("60 s < 6 x Worker Timeout 10 s + batching window 5 s = 65 s");
                    assertThat(finding.severity()).isEqualTo(Severity.ERROR);
                });
    }

    @Test
    void the_stream_rule_names_every_missing_backstop() {
        assertThat(linter.lint(fixture("stream-failure-handling.yaml")))
                .extracting(Finding::message)
                .containsExactlyInAnyOrder(
                        "Kinesis mapping Records lacks BisectBatchOnFunctionError: true",
                        "Kinesis mapping Records lacks a MaximumRetryAttempts limit",
                        "Kinesis mapping Records lacks a MaximumRecordAgeInSeconds limit");
    }

    @Test
    void the_function_alarm_rule_requires_a_tail_latency_statistic() {
        assertThat(linter.lint(fixture("function-alarms.yaml")))
                .singleElement()
                .extracting(Finding::message)
                .isEqualTo("no alarm on Throttles, Duration p95");
    }

    @Test
    void the_edge_rule_reports_the_region_and_the_environment() {
        assertThat(linter.lint(fixture("lambda-edge.yaml")))
                .extracting(Finding::message)
                .containsExactlyInAnyOrder(
                        "the template does not assert (Rules) that it is deployed in us-east-1",
                        "environment variables are not allowed at the edge (Globals apply too)");
    }

    @Test
    void a_java_edge_function_associated_by_alias_is_refused_twice() {
        String yaml =
                text("edge-clean.yaml").replace("nodejs20.x", "java21").replace("Redirects.Version", "Redirects.Alias");

        assertThat(linter.lint(SamTemplate.parse(yaml)))
                .extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("Node.js or Python"))
                .anySatisfy(m -> assertThat(m).contains("needs a numbered version"));
    }

    @Test
    void the_cloudfront_function_rule_names_each_broken_constraint() {
        assertThat(linter.lint(fixture("cloudfront-function.yaml")))
                .extracting(Finding::resource, Finding::severity, Finding::message)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "Redirects",
                                Severity.ERROR,
                                "runtime cloudfront-js-1.0: use cloudfront-js-2.0 (import, async/await and the key value store need it)"),
                        org.assertj.core.groups.Tuple.tuple(
                                "Redirects",
                                Severity.ERROR,
                                "imports 'fs', a module cloudfront-js-2.0 does not have (it offers cloudfront, crypto, querystring and buffer)"),
                        org.assertj.core.groups.Tuple.tuple(
                                "Redirects",
                                Severity.ERROR,
                                "reads a key value store (kvs()) but FunctionConfig has no KeyValueStoreAssociations: every request would fail"),
                        org.assertj.core.groups.Tuple.tuple(
                                "Redirects",
                                Severity.WARNING,
                                "AutoPublish is not true: the distribution keeps running the LIVE stage, not this code"),
                        org.assertj.core.groups.Tuple.tuple(
                                "Distribution",
                                Severity.ERROR,
                                "the default cache behaviour associates a CloudFront function with origin-request: CloudFront Functions run on"
                                        + " viewer-request and viewer-response only (origin events need Lambda@Edge)"));
    }

    @Test
    void a_cloudfront_function_over_10_kb_fails() {
        String padding = "        // " + "x".repeat(100) + "\n";
        String yaml = text("cloudfront-function-clean.yaml")
                .replace("        const kvs = cf.kvs();\n", padding.repeat(100) + "        const kvs = cf.kvs();\n");

        assertThat(linter.lint(SamTemplate.parse(yaml)))
                .singleElement()
                .extracting(Finding::message)
                .asString()
                .matches("the code is 1\\d{4} bytes; CloudFront Functions take at most 10 KB \\(10240 bytes\\)");
    }

    @Test
    void code_evaluation_timers_network_and_a_second_store_are_refused() {
        String yaml = text("cloudfront-function-clean.yaml")
                .replace(
                        "        const kvs = cf.kvs();\n",
                        "        const kvs = cf.kvs();\n        eval('1'); setTimeout(() => 0, 1); fetch('https://x');\n")
                .replace(
                        "          - KeyValueStoreARN: !GetAtt Table.Arn\n",
                        "          - KeyValueStoreARN: !GetAtt Table.Arn\n          - KeyValueStoreARN: !GetAtt Table.Arn\n");

        assertThat(linter.lint(SamTemplate.parse(yaml)))
                .extracting(Finding::message)
                .containsExactlyInAnyOrder(
                        "evaluates code at run time (eval or new Function), which CloudFront Functions do not allow",
                        "uses setTimeout, fetch: CloudFront Functions have no timers, network or process access",
                        "2 key value stores associated; a function takes at most one");
    }

    @Test
    void a_cloudfront_function_and_lambda_at_edge_on_one_viewer_event_are_refused() {
        String yaml = text("cloudfront-function-clean.yaml").replace("          FunctionAssociations:\n", """
                          LambdaFunctionAssociations:
                            - EventType: viewer-request
                              LambdaFunctionARN: arn:aws:lambda:us-east-1:111111111111:function:edge:1
                          FunctionAssociations:
                """);

        assertThat(linter.lint(SamTemplate.parse(yaml)))
                .filteredOn(f -> f.rule().equals("cloudfront-function"))
                .extracting(Finding::message)
                .singleElement()
                .asString()
                .contains("one behaviour takes only one of them per event");
    }

    @Test
    void a_max_receive_count_below_five_is_a_warning() {
        String yaml = text("clean.yaml").replace("maxReceiveCount: 5", "maxReceiveCount: 1");

        assertThat(linter.lint(SamTemplate.parse(yaml)))
                .singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
    }

    static SamTemplate fixture(String name) {
        return SamTemplate.parse(text(name));
    }

    static String text(String name) {
        try (InputStream in = TemplateLinterTest.class.getResourceAsStream("/lint/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture lint/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
