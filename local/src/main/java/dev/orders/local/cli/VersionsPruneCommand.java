package dev.orders.local.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;

/**
 * {@code ./orders versions prune --keep N [--dry-run] [FUNCTION…]}: deletes each function's oldest published versions
 * beyond the newest {@code N}, never one an alias or a routing weight points at, nor (locally) one a deployment in
 * progress uses. Lambda itself refuses to delete a version an alias uses (409), so a version that became referenced
 * after the listing is kept, and said so. With {@code --aws}, FUNCTION names or {@code --all} are required.
 */
@Command(
        name = "prune",
        description =
                "delete the oldest versions beyond the newest N that no alias, routing weight or deployment in progress uses")
final class VersionsPruneCommand implements Callable<Integer> {

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "this help")
    boolean help;

    @Option(
            names = "--keep",
            paramLabel = "N",
            required = true,
            description = "how many of the newest versions to keep whatever uses them")
    int keep;

    @Option(names = "--dry-run", description = "print what would be deleted, delete nothing")
    boolean dryRun;

    @Option(names = "--all", description = "with --aws: every function of the account and region (otherwise name them)")
    boolean all;

    @Parameters(
            paramLabel = "FUNCTION",
            arity = "0..*",
            description = "functions to prune (default locally: every function)")
    List<String> functions;

    @Mixin
    LambdaTarget target;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (keep < 0) {
            throw new ParameterException(spec.commandLine(), "--keep takes 0 or more, not " + keep);
        }
        if (target.aws && !all && (functions == null || functions.isEmpty())) {
            throw new ParameterException(
                    spec.commandLine(),
                    "with --aws, name the FUNCTIONs to prune, or pass --all for every function of the account");
        }
        String where = target.describe();
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Map<String, String>> inUse = target.versionsInUse();
        int failures = 0;
        try (LambdaClient lambda = target.client()) {
            for (String function : LambdaCalls.call(where, () -> LambdaCalls.functions(lambda, functions))) {
                FunctionVersions versions = LambdaCalls.call(where, () -> FunctionVersions.read(lambda, function));
                PrunePlan plan = PrunePlan.of(versions, keep, inUse.getOrDefault(function, Map.of()));
                out.println(summary(plan, versions.versions().size()));
                for (String version : plan.deleted()) {
                    failures += delete(lambda, out, function, version) ? 0 : 1;
                }
                out.flush();
            }
        }
        return failures == 0 ? 0 : 1;
    }

    private String summary(PrunePlan plan, int published) {
        StringBuilder line = new StringBuilder(plan.function())
                .append(": ")
                .append(published)
                .append(" published");
        plan.kept()
                .forEach((version, why) -> line.append("; keeping ")
                        .append(version)
                        .append(" (")
                        .append(why)
                        .append(")"));
        line.append(
                plan.deleted().isEmpty()
                        ? "; nothing to delete"
                        : "; " + (dryRun ? "would delete " : "deleting ") + String.join(", ", plan.deleted()));
        return line.toString();
    }

    /** True when deleted (or, in a dry run, deletable), or kept because Lambda says it is in use now. */
    private boolean delete(LambdaClient lambda, PrintWriter out, String function, String version) {
        if (dryRun) {
            out.println("  would delete " + function + ":" + version);
            return true;
        }
        try {
            lambda.deleteFunction(r -> r.functionName(function).qualifier(version));
            out.println("  deleted " + function + ":" + version);
            return true;
        } catch (ResourceConflictException inUseNow) {
            out.println("  kept " + function + ":" + version + ": " + LambdaCalls.message(inUseNow));
            return true;
        } catch (LambdaException refused) {
            out.println("  failed to delete " + function + ":" + version + ": " + LambdaCalls.message(refused));
            return false;
        }
    }
}
