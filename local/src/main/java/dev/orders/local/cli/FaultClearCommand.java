package dev.orders.local.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./orders fault clear}: ends every fault now. */
@Command(name = "clear", description = "end every fault now")
final class FaultClearCommand implements Callable<Integer> {

    @Mixin
    DataOption data;

    @Mixin
    UrlOption url;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PlatformCalls.Answer answer = new PlatformCalls(url.resolve(data.dir)).delete(FaultCommand.FAULTS);
        if (answer.status() != 200) {
            throw new Main.CommandFailure("the platform answered " + answer.status() + ": " + answer.message());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("removed " + answer.body().path("removed").asInt() + " fault(s)");
        out.flush();
        return 0;
    }
}
