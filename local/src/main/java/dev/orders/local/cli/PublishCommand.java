package dev.orders.local.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.PublishVersionResponse;

/**
 * {@code ./orders publish [FUNCTION…]}: PublishVersion for each function of the running platform (every function when
 * none is named). Lambda publishes only when $LATEST's code or configuration changed since the latest version, and
 * answers that version otherwise: the command prints which it was. The launcher has rebuilt changed sources before.
 */
@Command(
        name = "publish",
        description =
                "publish a version of each FUNCTION (default: all) whose code or configuration changed, on the running platform")
final class PublishCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FUNCTION", arity = "0..*", description = "functions to publish (default: every function)")
    List<String> functions;

    @Option(names = "--description", paramLabel = "TEXT", description = "the new versions' description")
    String description;

    @Mixin
    DataOption data;

    @Mixin
    UrlOption url;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LambdaTarget target = new LambdaTarget();
        target.data = data;
        target.url = url;
        String where = target.describe();
        PrintWriter out = spec.commandLine().getOut();
        try (LambdaClient lambda = target.client()) {
            for (String function : LambdaCalls.call(where, () -> LambdaCalls.functions(lambda, functions))) {
                Optional<Long> before = LambdaCalls.call(where, () -> FunctionVersions.read(lambda, function))
                        .newest()
                        .map(FunctionVersions.PublishedVersion::number);
                PublishVersionResponse published = LambdaCalls.call(
                        where,
                        () -> lambda.publishVersion(
                                r -> r.functionName(function).description(description)));
                boolean unchanged = before.isPresent() && before.get() == Long.parseLong(published.version());
                out.println(function + ": " + (unchanged ? "unchanged, latest version " : "published version ")
                        + published.version() + " (code " + abbreviate(published.codeSha256()) + ", "
                        + Display.size(published.codeSize() == null ? 0 : published.codeSize()) + ")");
                out.flush();
            }
        }
        return 0;
    }

    private static String abbreviate(String sha) {
        return sha == null ? "?" : sha.length() > 12 ? sha.substring(0, 12) + "…" : sha;
    }
}
