package dev.orders.local.cli;

import dev.orders.local.edge.EdgeTemplateSync;
import dev.orders.local.edge.EdgeTestCommand;
import dev.orders.local.lint.Lint;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./orders edge test|sync}: the CloudFront function (P5) on one event, and its copy in the template. */
@Command(
        name = "edge",
        description =
                "the CloudFront viewer-request function (edge/): run it on one event, or copy it into the template",
        subcommands = {EdgeCommand.Test.class, EdgeCommand.Sync.class})
final class EdgeCommand {

    /** {@code ./orders edge test EVENT.json}: what CloudFront's TestFunction reports, and the execution time. */
    @Command(
            name = "test",
            description = "run the viewer-request function on one CloudFront event, as TestFunction does")
    static final class Test implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(
                paramLabel = "EVENT.json",
                description = "a CloudFront Functions event (edge/test/fixtures/ has examples)")
        Path event;

        @Option(
                names = "--runs",
                paramLabel = "N",
                defaultValue = "" + EdgeTestCommand.DEFAULT_RUNS,
                description = "how many runs to time (default: ${DEFAULT-VALUE})")
        int runs;

        @Mixin
        DataOption data;

        @Override
        public Integer call() {
            if (runs < 1 || runs > 999_999) {
                throw new ParameterException(
                        spec.commandLine(), "--runs takes a whole number from 1 to 999999, not " + runs);
            }
            return EdgeTestCommand.run(event, data.dir, runs, System.out);
        }
    }

    /** {@code ./orders edge sync [TEMPLATE]}: the template's inline FunctionCode becomes the .js file, byte for byte. */
    @Command(
            name = "sync",
            description =
                    "copy edge/viewer-request.js into the template's FunctionCode (CloudFormation takes it inline)")
    static final class Sync implements Callable<Integer> {

        @Parameters(
                paramLabel = "TEMPLATE",
                arity = "0..1",
                defaultValue = Lint.DEFAULT_TEMPLATE,
                description = "the template (default: ${DEFAULT-VALUE})")
        Path template;

        @Override
        public Integer call() {
            return EdgeTemplateSync.run(template, System.out);
        }
    }
}
