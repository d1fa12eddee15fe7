package dev.orders.local.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.shared.Json;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * {@code ./orders versions [FUNCTION…] [--json]}: each function's published versions with their age, code size,
 * SnapStart, and what points at them (an alias, a routing weight, locally a deployment in progress); {@code prune}
 * deletes the old unreferenced ones. Against the running platform, or AWS with {@code --aws}.
 */
@Command(
        name = "versions",
        description = {
            "list each FUNCTION's versions (default: all): age, code size, SnapStart, the aliases and routing weights that use them",
            "versions prune --keep N deletes the oldest versions nothing uses"
        },
        subcommands = VersionsPruneCommand.class)
final class VersionsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FUNCTION", arity = "0..*", description = "functions to list (default: every function)")
    List<String> functions;

    @Option(names = "--json", description = "print one JSON document instead of a table")
    boolean json;

    @Mixin
    LambdaTarget target;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String where = target.describe();
        Map<String, Map<String, String>> inUse = target.versionsInUse();
        List<FunctionVersions> all = new ArrayList<>();
        try (LambdaClient lambda = target.client()) {
            for (String function : LambdaCalls.call(where, () -> LambdaCalls.functions(lambda, functions))) {
                all.add(LambdaCalls.call(where, () -> FunctionVersions.read(lambda, function)));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        Instant now = Instant.now();
        if (json) {
            out.println(json(all, inUse, now));
        } else {
            all.forEach(function -> table(out, function, inUse.getOrDefault(function.function(), Map.of()), now));
        }
        out.flush();
        return 0;
    }

    private static void table(PrintWriter out, FunctionVersions function, Map<String, String> inUse, Instant now) {
        out.println(function.function());
        if (function.versions().isEmpty()) {
            out.println("  no published versions");
            return;
        }
        String format = "  %-8s %-8s %-10s %-10s %s%n";
        out.printf(format, "VERSION", "AGE", "CODE SIZE", "SNAPSTART", "USED BY");
        Map<String, List<String>> references = function.references();
        for (FunctionVersions.PublishedVersion version : function.versions().reversed()) {
            List<String> users = new ArrayList<>(references.getOrDefault(version.version(), List.of()));
            if (inUse.containsKey(version.version())) {
                users.add(inUse.get(version.version()));
            }
            out.printf(
                    format,
                    version.version(),
                    version.lastModified()
                            .map(t -> Display.age(Duration.between(t, now)))
                            .orElse("?"),
                    Display.size(version.codeSize()),
                    version.snapStart(),
                    users.isEmpty() ? "-" : String.join(", ", users));
        }
    }

    private static ObjectNode json(List<FunctionVersions> all, Map<String, Map<String, String>> inUse, Instant now) {
        ObjectNode root = Json.internal().createObjectNode();
        ArrayNode functions = root.putArray("functions");
        for (FunctionVersions function : all) {
            ObjectNode f = functions.addObject().put("function", function.function());
            Map<String, List<String>> references = function.references();
            ArrayNode versions = f.putArray("versions");
            for (FunctionVersions.PublishedVersion version : function.versions().reversed()) {
                ObjectNode v = versions.addObject().put("version", version.version());
                version.lastModified()
                        .ifPresent(t -> v.put("lastModified", t.toString())
                                .put("ageSeconds", Duration.between(t, now).toSeconds()));
                v.put("codeSize", version.codeSize())
                        .put("snapStart", version.snapStart())
                        .put("description", version.description());
                ArrayNode usedBy = v.putArray("usedBy");
                references.getOrDefault(version.version(), List.of()).forEach(usedBy::add);
                String deployment =
                        inUse.getOrDefault(function.function(), Map.of()).get(version.version());
                if (deployment != null) {
                    usedBy.add(deployment);
                }
            }
            ArrayNode aliases = f.putArray("aliases");
            function.aliases().forEach(a -> {
                ObjectNode alias =
                        aliases.addObject().put("name", a.name()).put("functionVersion", a.functionVersion());
                ObjectNode weights = alias.putObject("additionalVersionWeights");
                a.weights().forEach(weights::put);
            });
        }
        return root;
    }
}
