package dev.orders.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ./orders fault add|list|remove|clear}: the running platform's injected faults ({@code /_local/faults}). Exit
 * status 0 when done, 1 when the platform cannot be reached or has no such fault, 2 when the request is wrong (the
 * platform's reason is printed; nothing changes).
 */
@Command(
        name = "fault",
        description = {
            "inject faults into the running platform: a slow, failing, throttled or unavailable "
                    + "dependency, or duplicate deliveries on a path",
            "fault add SPEC [--function F] [--version V] [--percentage P] [--duration D]; fault list; fault remove ID; fault clear"
        },
        subcommands = {FaultAddCommand.class, FaultListCommand.class, FaultRemoveCommand.class, FaultClearCommand.class
        })
final class FaultCommand implements Runnable {

    /** Where the fault commands ask the platform. */
    static final String FAULTS = "/_local/faults";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "fault needs a subcommand: add, list, remove or clear");
    }

    /** One fault as a line: id, what it does, when it ends, how often it acted. */
    static void print(PrintWriter out, JsonNode fault) {
        String ends = fault.path("endsAt").isNull() || fault.path("endsAt").isMissingNode()
                ? "until removed"
                : "ends " + fault.path("endsAt").asText() + " ("
                        + fault.path("remainingSeconds").asDouble() + " s left)";
        out.printf(
                "%-9s %s; %s; applied %d%n",
                fault.path("id").asText(),
                fault.path("description").asText(),
                ends,
                fault.path("applied").asLong());
    }
}
