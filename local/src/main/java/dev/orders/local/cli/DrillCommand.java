package dev.orders.local.cli;

import dev.orders.local.drill.Drill;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.yaml.snakeyaml.error.YAMLException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./orders drill}: the production test, automated. Starts its own platform on a temporary data folder unless
 * {@code --url} names a running one (whose {@code --data} folder it then needs for tokens, the provider's secret and
 * the mailbox). Exit status 0 when every verdict passes, 1 when one fails, 2 for a wrong option.
 */
@Command(
        name = "drill",
        description = {
            "the production test: the same event again on every path (duplicates), the store slowed "
                    + "under load (slow-dependency), a canary failing its writes (bad-canary); writes a report (Markdown, SVG charts from the recorded metrics, JSON); exit 1 when a verdict fails",
            "(starts its own platform on a temporary data folder, on --template or the bundled template, unless --url)"
        })
final class DrillCommand implements Callable<Integer> {

    @Option(
            names = "--scenario",
            paramLabel = "S",
            defaultValue = "all",
            description = "duplicates, slow-dependency, bad-canary or all (default: ${DEFAULT-VALUE})")
    String scenario;

    @Option(
            names = "--report",
            paramLabel = "DIR",
            defaultValue = "drill-report",
            description = "where the report goes (default: ${DEFAULT-VALUE})")
    Path report;

    @Option(
            names = "--copies",
            paramLabel = "N",
            defaultValue = "3",
            description = "duplicates sent per event beyond the first (default: ${DEFAULT-VALUE})")
    int copies;

    @Option(
            names = "--short",
            description =
                    "the short configuration (about a minute): slow-dependency phases of 6 (warm-up), 8, 12 and 10 s; "
                            + "the SQS redelivery (which waits out the payment queue's 120 s visibility timeout) skipped")
    boolean quick;

    @Option(
            names = "--account-concurrency",
            paramLabel = "N",
            defaultValue = "50",
            description =
                    "the scaled Lambda account (the template's reservations scale with it; with --url, the running platform's; "
                            + "default: ${DEFAULT-VALUE})")
    int accountConcurrency;

    @Option(
            names = "--rps",
            paramLabel = "R",
            defaultValue = "5",
            description = "slow-dependency: orders per second, each paid and picked; bad-canary: orders per second "
                    + "(default: ${DEFAULT-VALUE})")
    double rps;

    @Option(
            names = "--latency",
            paramLabel = "MS",
            defaultValue = "1000",
            description = "slow-dependency: milliseconds added to each "
                    + "store call while slowed (default: ${DEFAULT-VALUE})")
    long latencyMillis;

    @Option(
            names = "--time-scale",
            paramLabel = "N",
            defaultValue = "60",
            description =
                    "the own platform's time scale (metric periods pass N times faster; default: ${DEFAULT-VALUE})")
    double timeScale;

    @Option(
            names = "--template",
            paramLabel = "FILE",
            description = "the SAM template the drill's own platform runs and its planner reads, its reservations "
                    + "scaled to --account-concurrency (default: the bundled infra/template.yaml); not with --url")
    Path template;

    @Option(
            names = "--url",
            paramLabel = "URL",
            description = "drill a running platform (its --data folder is needed too)")
    String url;

    @Mixin
    DataOption data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Drill.Settings settings;
        try {
            if (copies < 1 || copies > 100) {
                throw new IllegalArgumentException("--copies must be from 1 to 100");
            }
            if (!(timeScale >= 1 && timeScale <= 10_000)) {
                throw new IllegalArgumentException("--time-scale must be from 1 to 10000");
            }
            if (!(rps > 0 && rps <= 200)) {
                throw new IllegalArgumentException("--rps must be above 0 and at most 200");
            }
            if (latencyMillis < 1 || latencyMillis > 10_000) {
                throw new IllegalArgumentException("--latency must be from 1 to 10000 ms");
            }
            if (accountConcurrency < 10 || accountConcurrency > 1000) {
                throw new IllegalArgumentException("--account-concurrency must be from 10 to 1000");
            }
            if (template != null && url != null) {
                throw new IllegalArgumentException(
                        "--template is the drill's own platform's: a running platform (--url) has its own");
            }
            settings = new Drill.Settings(
                    Drill.Scenario.parse(scenario),
                    report,
                    copies,
                    !quick,
                    timeScale,
                    accountConcurrency,
                    rps,
                    Duration.ofMillis(latencyMillis),
                    Optional.ofNullable(template));
        } catch (IllegalArgumentException wrong) {
            throw new ParameterException(spec.commandLine(), wrong.getMessage());
        }
        Drill drill;
        try {
            drill = new Drill(settings, spec.commandLine().getOut());
        } catch (UncheckedIOException | IllegalArgumentException | YAMLException unreadable) {
            throw new ParameterException(
                    spec.commandLine(), "--template: cannot read " + template + ": " + unreadable.getMessage());
        }
        boolean passed = url == null
                ? drill.runOwn()
                : drill.run(new Drill.Target(url.endsWith("/") ? url.substring(0, url.length() - 1) : url, data.dir));
        return passed ? 0 : 1;
    }
}
