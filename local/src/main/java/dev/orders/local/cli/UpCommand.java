package dev.orders.local.cli;

import dev.orders.local.LocalPlatform;
import dev.orders.local.lambda.LambdaSettings;
import dev.orders.local.metrics.Observability;
import dev.orders.local.store.Faults;
import dev.orders.local.template.SamTemplate;
import dev.orders.local.time.TimeScale;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./orders up}: every path in this process until Ctrl-C or SIGTERM; prints one line {@code ready URL}, then
 * {@code dashboard URL/}.
 */
@Command(
        name = "up",
        description =
                "run every path locally; prints 'ready URL' when it accepts requests, then the dashboard's URL; Ctrl-C stops it")
final class UpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "8080",
            description = "the port to listen on, 0 for any free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(
            names = "--time-scale",
            paramLabel = "N",
            defaultValue = "1",
            description =
                    "run metric periods and alarm evaluation N times faster than real time (default: ${DEFAULT-VALUE})")
    String timeScale;

    @Option(
            names = "--parameter-overrides",
            paramLabel = "K=V[,K=V]",
            defaultValue = "",
            description =
                    "template parameters that differ from their defaults, as 'sam deploy --parameter-overrides' takes them")
    String parameterOverrides;

    @Option(
            names = "--account-concurrency",
            paramLabel = "N",
            defaultValue = "1000",
            description =
                    "the account's Lambda concurrency limit; at least a tenth stays unreserved (default: ${DEFAULT-VALUE})")
    int accountConcurrency;

    @Mixin
    DataOption data;

    @Override
    public Integer call() throws Exception {
        double scale;
        try {
            scale = TimeScale.parseFactor(timeScale);
        } catch (IllegalArgumentException wrong) {
            throw new ParameterException(spec.commandLine(), wrong.getMessage());
        }
        if (accountConcurrency < 1) {
            throw new ParameterException(spec.commandLine(), "--account-concurrency must be at least 1");
        }
        Observability.Settings settings = new Observability.Settings(scale, parameterOverrides(parameterOverrides));
        LocalPlatform platform = LocalPlatform.open(
                        data.dir,
                        Faults.fromSystemProperties(),
                        SamTemplate.bundled(),
                        settings,
                        LambdaSettings.DEFAULT.withAccountConcurrency(accountConcurrency))
                .start(port);
        // As `sam deploy` reports it: what was published and where live moved (nothing when no code or configuration
        // changed).
        platform.deployment().forEach(System.out::println);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            platform.close();
            stopped.countDown();
        }));
        System.out.println("ready " + platform.url());
        System.out.println("dashboard " + platform.dashboardUrl()
                + (scale == 1 ? "" : " (" + platform.observability().time() + ")"));
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** {@code AlarmEmail=ops@example.com,JwtAudience=x}: as {@code sam deploy --parameter-overrides}, comma-separated. */
    private Map<String, String> parameterOverrides(String text) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--parameter-overrides takes NAME=VALUE pairs separated by commas, not '" + pair + "'");
            }
            overrides.put(kv[0].trim(), kv[1].trim());
        }
        return overrides;
    }
}
