package dev.orders.local.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./orders bench}: run by the launcher script itself (bench/ is its own jar); listed here for the help. */
@Command(
        name = "bench",
        description = {
            "performance figures beside their baselines (docs/performance.md)",
            "(run by the ./orders launcher)"
        })
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "a short run that proves every scenario works")
    boolean quick;

    @Option(
            names = "--only",
            paramLabel = "SECTIONS",
            split = ",",
            description = "some of: cold, warm, e2e, stream, store, memory, cli")
    String[] only;

    @Option(
            names = "--work",
            paramLabel = "DIR",
            description = "where the runs keep their files (default: bench/target/bench-work)")
    String work;

    @Override
    public Integer call() {
        throw new Main.CommandFailure("'bench' is run by the ./orders launcher script: ./orders bench");
    }
}
