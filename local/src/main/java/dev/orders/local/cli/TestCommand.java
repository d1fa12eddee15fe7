package dev.orders.local.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./orders test}: run by the launcher script itself (it needs Maven and npm, not this JVM); listed here for the help. */
@Command(
        name = "test",
        description = {
            "run the whole test suite, as CI does: npm ci in tools/emulators, then ./mvnw -Pemulators verify",
            "(run by the ./orders launcher; extra arguments go to Maven)"
        })
final class TestCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MAVEN_ARGS", arity = "0..*", description = "passed to Maven")
    List<String> mavenArgs;

    @Override
    public Integer call() {
        throw new Main.CommandFailure("'test' is run by the ./orders launcher script: ./orders test");
    }
}
