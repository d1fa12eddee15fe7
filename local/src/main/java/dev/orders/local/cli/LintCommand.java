package dev.orders.local.cli;

import dev.orders.local.lint.Lint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/** {@code ./orders lint [TEMPLATE]}: the production rules (the article's gotchas) against a SAM template. */
@Command(
        name = "lint",
        description = {
            "check a SAM template against the production rules; exit 1 on errors",
            "(TEMPLATE defaults to " + Lint.DEFAULT_TEMPLATE + ")"
        })
final class LintCommand implements Callable<Integer> {

    @Parameters(
            paramLabel = "TEMPLATE",
            arity = "0..1",
            description = "the template (default: " + Lint.DEFAULT_TEMPLATE + ")")
    String template;

    /** Lint's own further arguments, passed through as written. */
    @Unmatched
    List<String> more = new ArrayList<>();

    @Mixin
    DataOption data;

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>();
        if (template != null) {
            args.add(template);
        }
        args.addAll(more);
        return Lint.run(args.toArray(String[]::new), System.out);
    }
}
