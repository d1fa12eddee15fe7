package dev.orders.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.orders.local.lint.CfnLint;
import dev.orders.local.lint.Finding;
import dev.orders.local.lint.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * infra/template.yaml through AWS's cfn-lint, which runs the SAM translator and then checks the CloudFormation it
 * produces (what {@code sam validate --lint} does): no error-level finding may remain, and every warning is listed
 * with its reason in docs/deploy.md. Where cfn-lint is not installed these tests are skipped with a message saying
 * so and how to install it: skipped, never passed.
 */
class CfnLintTest {

    private static final CfnLint CFN_LINT = CfnLint.installed();

    /** Per test, not per class: a class-level assumption would show as "Tests run: 0", which reads like nothing to skip. */
    @BeforeEach
    void cfnLintIsInstalled() {
        if (!CFN_LINT.available()) {
            System.err.println(
                    "WARNING: cfn-lint is not installed: AWS's template checks are SKIPPED, not passed. Install: "
                            + CfnLint.INSTALL);
        }
        assumeTrue(
                CFN_LINT.available(),
                "cfn-lint is not installed, so AWS's template checks were SKIPPED (not passed);" + " install it with: "
                        + CfnLint.INSTALL);
    }

    @Test
    void the_deployed_template_has_no_error_and_every_warning_is_explained_in_the_deploy_guide() throws IOException {
        CfnLint.Report report = CFN_LINT.check(Repository.template());

        assertThat(report.findings())
                .filteredOn(f -> f.severity() == Severity.ERROR)
                .as("cfn-lint errors")
                .isEmpty();
        String guide = Files.readString(Repository.root().resolve("docs/deploy.md"));
        List<Finding> unexplained = report.findings().stream()
                .filter(f -> f.severity() == Severity.WARNING)
                .filter(f -> guide.lines()
                        .noneMatch(line -> line.contains("`" + f.rule().replace("cfn-lint:", "") + "`")
                                && line.contains(f.resource())))
                .toList();
        assertThat(unexplained)
                .as("cfn-lint warnings not listed with their reason in docs/deploy.md")
                .isEmpty();
    }

    /** The cycle that made CloudFormation refuse the stack: it must fail here, not in a deployment. */
    @Test
    void a_circular_dependency_is_an_error(@TempDir Path dir) throws IOException {
        String template = Files.readString(Repository.template());
        String cyclic = template.replace(
                "SMOKE_TARGET_FUNCTION: !Sub \"${OrderApiFunction.Arn}:live\"",
                "SMOKE_TARGET_FUNCTION: !Ref OrderApiFunction.Alias");
        assertThat(cyclic).isNotEqualTo(template);
        Path copy = Files.writeString(dir.resolve("template.yaml"), cyclic);

        assertThat(CFN_LINT.check(copy).findings()).anySatisfy(finding -> {
            assertThat(finding.rule()).isEqualTo("cfn-lint:E3004");
            assertThat(finding.severity()).isEqualTo(Severity.ERROR);
            assertThat(finding.message()).contains("Circular Dependencies");
        });
    }
}
