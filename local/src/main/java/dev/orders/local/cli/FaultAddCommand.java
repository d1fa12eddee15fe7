package dev.orders.local.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.shared.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./orders fault add SPEC}: {@code DEPENDENCY:latency=750ms}, {@code DEPENDENCY:latency=p50:200ms,p99:2s},
 * {@code DEPENDENCY:errors=20%}, {@code DEPENDENCY:throttle=50%}, {@code DEPENDENCY:unavailable},
 * {@code duplicate:PATH}, or a function fault: {@code function:latency=D}, {@code function:errors=P%},
 * {@code function:crash}, {@code function:timeout}; the options narrow its scope and bound its duration. The platform checks the request and
 * answers 400 with the reason when it is wrong (exit 2).
 */
@Command(
        name = "add",
        description = "add a fault: DEPENDENCY:latency=D|latency=p50:D,p99:D|errors=P%|throttle=P%|unavailable "
                + "(store, queue, quarantine, mailer, objects, links, bus, stream), duplicate:PATH (api, kinesis, sqs, bus), "
                + "or function:latency=D|errors=P%|crash|timeout (with --function, --route)")
final class FaultAddCommand implements Callable<Integer> {

    private static final Pattern PORT =
            Pattern.compile("([A-Za-z]+):(latency|errors|throttle)=(.+)|([A-Za-z]+):(unavailable)");
    private static final Pattern DELIVERY = Pattern.compile("duplicate:([a-z]+)");
    private static final Pattern FUNCTION = Pattern.compile("function:(?:(latency|errors)=(.+)|(crash|timeout))");

    @Parameters(
            index = "0",
            paramLabel = "SPEC",
            description = "store:latency=750ms, store:latency=p50:200ms,p99:2s, mailer:throttle=50%%, "
                    + "store:errors=10%%, queue:unavailable, duplicate:sqs, function:crash, function:errors=10%%, …")
    String faultSpec;

    @Option(
            names = "--function",
            paramLabel = "F",
            description = "only this function's calls or deliveries (its logical id)")
    String function;

    @Option(
            names = "--version",
            paramLabel = "V",
            description = "only this version of --function (a number or $LATEST)")
    String version;

    @Option(
            names = "--percentage",
            paramLabel = "P",
            description = "only this share of the calls or deliveries (default 100%%)")
    String percentage;

    @Option(
            names = "--operation",
            paramLabel = "OP",
            description = "a port fault on this operation only (e.g. place, update, send)")
    String operation;

    @Option(
            names = "--route",
            paramLabel = "ROUTE",
            description = "a function fault on this API route only ('POST /orders')")
    String route;

    @Option(
            names = "--duration",
            paramLabel = "D",
            description = "ends by itself after D (platform time: 30s, 5m); default: until removed")
    String duration;

    @Option(names = "--json", description = "print the added fault as JSON")
    boolean json;

    @Mixin
    DataOption data;

    @Mixin
    UrlOption url;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ObjectNode request = request();
        PlatformCalls.Answer answer = new PlatformCalls(url.resolve(data.dir)).post(FaultCommand.FAULTS, request);
        PrintWriter out = spec.commandLine().getOut();
        if (answer.status() == 400) {
            spec.commandLine().getErr().println("orders: the platform refused the fault: " + answer.message());
            spec.commandLine().getErr().flush();
            return 2;
        }
        if (answer.status() != 201) {
            throw new Main.CommandFailure("the platform answered " + answer.status() + ": " + answer.message());
        }
        if (json) {
            out.println(answer.body());
        } else {
            out.print("added ");
            FaultCommand.print(out, answer.body());
        }
        out.flush();
        return 0;
    }

    ObjectNode request() {
        ObjectNode request = Json.internal().createObjectNode();
        ObjectNode scope = Json.internal().createObjectNode();
        Matcher port = PORT.matcher(faultSpec.strip());
        Matcher delivery = DELIVERY.matcher(faultSpec.strip());
        Matcher invocation = FUNCTION.matcher(faultSpec.strip());
        if (route != null && !invocation.matches()) {
            throw new ParameterException(spec.commandLine(), "--route is for a function fault, not " + faultSpec);
        }
        if (invocation.matches()) {
            String effect = invocation.group(1) != null ? invocation.group(1) : invocation.group(3);
            request.put("target", "function").put("effect", effect);
            if (effect.equals("latency")) {
                request.put("latency", invocation.group(2));
            } else if (effect.equals("errors")) {
                sharePercentage(effect, invocation.group(2), scope);
            }
            if (route != null) {
                request.put("route", route);
            }
            if (operation != null) {
                throw new ParameterException(spec.commandLine(), "--operation is for a port fault, not " + faultSpec);
            }
        } else if (delivery.matches()) {
            request.put("target", "delivery").put("path", delivery.group(1)).put("effect", "duplicate");
            if (operation != null) {
                throw new ParameterException(spec.commandLine(), "--operation is for a port fault, not " + faultSpec);
            }
        } else if (port.matches()) {
            boolean unavailable = port.group(5) != null;
            String effect = unavailable ? "unavailable" : port.group(2);
            request.put("target", "port")
                    .put("dependency", unavailable ? port.group(4) : port.group(1))
                    .put("effect", effect);
            if (effect.equals("latency")) {
                request.put("latency", port.group(3));
            } else if (!unavailable) {
                sharePercentage(effect, port.group(3), scope);
            }
            if (operation != null) {
                request.put("operation", operation);
            }
        } else {
            throw new ParameterException(
                    spec.commandLine(),
                    "SPEC must be DEPENDENCY:latency=D, DEPENDENCY:latency=p50:D,p99:D, "
                            + "DEPENDENCY:errors=P%, DEPENDENCY:throttle=P%, DEPENDENCY:unavailable, duplicate:PATH or "
                            + "function:latency=D|errors=P%|crash|timeout, got '"
                            + faultSpec + "'");
        }
        if (function != null) {
            scope.put("function", function);
        }
        if (version != null) {
            scope.put("version", version);
        }
        if (percentage != null) {
            scope.put("percentage", percentage);
        }
        if (!scope.isEmpty()) {
            request.set("scope", scope);
        }
        if (duration != null) {
            request.put("duration", duration);
        }
        return request;
    }

    /** {@code errors=P%}, {@code throttle=P%}: the share of calls is the scope's percentage. */
    private void sharePercentage(String effect, String share, ObjectNode scope) {
        if (percentage != null) {
            throw new ParameterException(
                    spec.commandLine(),
                    effect + "=" + share + " is the share of calls already: leave out --percentage");
        }
        scope.put("percentage", share);
    }
}
