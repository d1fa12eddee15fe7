package dev.orders.local.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./orders fault remove ID…}: ends those faults now; exit 1 when one of them is not on. */
@Command(name = "remove", description = "end the faults with these ids now")
final class FaultRemoveCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ID", arity = "1..*", description = "fault ids, as fault list shows them")
    List<String> ids;

    @Mixin
    DataOption data;

    @Mixin
    UrlOption url;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PlatformCalls client = new PlatformCalls(url.resolve(data.dir));
        PrintWriter out = spec.commandLine().getOut();
        int status = 0;
        for (String id : ids) {
            PlatformCalls.Answer answer =
                    client.delete(FaultCommand.FAULTS + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
            if (answer.status() == 200) {
                out.print("removed ");
                FaultCommand.print(out, answer.body());
            } else {
                spec.commandLine().getErr().println("orders: " + answer.message());
                status = 1;
            }
        }
        out.flush();
        spec.commandLine().getErr().flush();
        return status;
    }
}
