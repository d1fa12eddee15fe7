package dev.orders.local.lint;

import dev.orders.local.template.SamTemplate;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./orders lint [TEMPLATE]}: prints one line per finding (severity, rule, resource, message) and a
 * summary. Exit status 0 when there is no ERROR, 1 when there is, 2 when the template cannot be read.
 */
public final class Lint {

    public static final String DEFAULT_TEMPLATE = "infra/template.yaml";
    private static final String USAGE = "usage: orders lint [TEMPLATE]   (default " + DEFAULT_TEMPLATE + ")";

    private Lint() {
    }

    public static int run(String[] args, PrintStream out) {
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
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        out.printf("lint: %d error(s), %d warning(s) in %s%n", errors, findings.size() - errors, file);
        return errors > 0 ? 1 : 0;
    }
}
