package dev.orders.local.lint;

import dev.orders.local.template.SamTemplate;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./orders lint [TEMPLATE]}: the project's production rules, then AWS's cfn-lint when it is installed
 * ({@link CfnLint}); one line per finding (severity, rule, resource, message) and a summary for each. Exit status 0
 * when neither reports an ERROR, 1 when either does, 2 when the template cannot be read.
 */
public final class Lint {

    public static final String DEFAULT_TEMPLATE = "infra/template.yaml";
    private static final String USAGE = "usage: orders lint [TEMPLATE]   (default " + DEFAULT_TEMPLATE + ")";

    private Lint() {}

    public static int run(String[] args, PrintStream out) {
        return run(args, out, CfnLint.installed());
    }

    static int run(String[] args, PrintStream out, CfnLint cfnLint) {
        if (args.length > 1 || (args.length == 1 && args[0].startsWith("-"))) {
            boolean help = args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"));
            out.println(USAGE);
            return help ? 0 : 2;
        }
        Path file = Path.of(args.length == 1 ? args[0] : DEFAULT_TEMPLATE);
        if (!Files.isRegularFile(file)) {
            out.println("lint: no template at " + file.toAbsolutePath());
            return 2;
        }
        List<Finding> findings;
        try {
            findings = TemplateLinter.withAllRules().lint(SamTemplate.read(file));
        } catch (UncheckedIOException | IllegalArgumentException | org.yaml.snakeyaml.error.YAMLException e) {
            out.println("lint: cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        findings.forEach(finding -> out.println(finding.line()));
        long errors =
                findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        out.printf("lint: %d error(s), %d warning(s) in %s%n", errors, findings.size() - errors, file);
        boolean cfnLintErrors = cfnLint(cfnLint, file, out);
        return errors > 0 || cfnLintErrors ? 1 : 0;
    }

    /** Runs cfn-lint when it is installed; true when it reported an error (or could not run at all). */
    private static boolean cfnLint(CfnLint cfnLint, Path file, PrintStream out) {
        if (!cfnLint.available()) {
            out.println(
                    "cfn-lint: NOT RUN, it is not installed; AWS's own template checks (circular dependencies, invalid"
                            + " properties, the SAM transform) were skipped. Install it with: " + CfnLint.INSTALL);
            return false;
        }
        CfnLint.Report report;
        try {
            report = cfnLint.check(file);
        } catch (IllegalStateException failed) {
            out.println("cfn-lint: could not run: " + failed.getMessage());
            return true;
        }
        report.findings().forEach(finding -> out.println(finding.line()));
        String pinned = report.version().equals(CfnLint.PINNED_VERSION)
                ? ""
                : " (the project pins " + CfnLint.PINNED_VERSION + ")";
        out.printf(
                "cfn-lint %s%s: %d error(s), %d warning(s) in %s%n",
                report.version(), pinned, report.errors(), report.warnings(), file);
        return report.errors() > 0;
    }
}
