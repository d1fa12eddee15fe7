package dev.orders.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./orders fault list [--json]}: the faults on, oldest first. */
@Command(name = "list", description = "list the faults on: id, what, scope, when each ends, how often it acted")
final class FaultListCommand implements Callable<Integer> {

    @Option(names = "--json", description = "print /_local/faults's JSON")
    boolean json;

    @Mixin
    DataOption data;

    @Mixin
    UrlOption url;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PlatformCalls.Answer answer = new PlatformCalls(url.resolve(data.dir)).get(FaultCommand.FAULTS);
        if (answer.status() != 200) {
            throw new Main.CommandFailure("the platform answered " + answer.status() + ": " + answer.message());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(answer.body());
        } else if (answer.body().path("faults").isEmpty()) {
            out.println("no faults");
        } else {
            for (JsonNode fault : answer.body().path("faults")) {
                FaultCommand.print(out, fault);
            }
        }
        out.flush();
        return 0;
    }
}
