package dev.orders.local.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.DependencyCalls.Dependency;
import dev.orders.functions.shared.Json;
import dev.orders.local.plan.CapacityPlanner;
import dev.orders.local.plan.OrderFlow;
import dev.orders.local.plan.PathName;
import dev.orders.local.plan.Plan;
import dev.orders.local.plan.PlanInputs;
import dev.orders.local.plan.PlanText;
import dev.orders.local.plan.Quantities;
import dev.orders.local.template.SamTemplate;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./orders plan --rps R --duration D}: the capacity plan of the template ({@link CapacityPlanner}), as a table
 * or as JSON. Exit status 0 when the plan fits (tight included), 1 when it does not, 2 when the question cannot be
 * asked (a bad value, a path or function the template does not have, a template that cannot be read).
 */
@Command(
        name = "plan",
        description = {
            "the capacity plan of a template: concurrency = rate × duration against the account,"
                    + " reservations, the API's throttle, queues and shards; exit 1 when it does not fit",
            "(reads the template only; TEMPLATE defaults to " + PlanCommand.DEFAULT_TEMPLATE + ")"
        })
final class PlanCommand implements Callable<Integer> {

    static final String DEFAULT_TEMPLATE = "infra/template.yaml";
    private static final String ALL = "all";

    @Option(
            names = "--rps",
            required = true,
            paramLabel = "R",
            converter = RateConverter.class,
            description =
                    "arrivals per second at the path's entry (requests, callbacks, records, events, uploads); with"
                            + " --path all, orders per second")
    double rps;

    @Option(
            names = "--duration",
            required = true,
            paramLabel = "D|FUNCTION=D",
            description =
                    "every function's duration per invocation (250ms, 1s, 0.25s, 1.5 = seconds); FUNCTION=D sets one"
                            + " function's (e.g. PaymentEvents=2s); repeatable")
    List<String> durations;

    @Option(
            names = "--path",
            paramLabel = "PATH",
            defaultValue = "api",
            description = "api, payments, fulfillment, notifications, receipts or all (default: ${DEFAULT-VALUE})")
    String path;

    @Option(
            names = "--slow",
            paramLabel = "DEPENDENCY=MS",
            description =
                    "every call to DEPENDENCY (store, bus, queue, stream, mailer, objects) takes MS milliseconds longer"
                            + " (750, or 750ms, 1s); repeatable")
    List<String> slow = new ArrayList<>();

    @Option(
            names = "--account-concurrency",
            paramLabel = "N",
            defaultValue = "1000",
            converter = PositiveConverter.class,
            description = "the account's concurrency limit (default: ${DEFAULT-VALUE})")
    int accountConcurrency;

    @Option(
            names = "--scaling-rate",
            paramLabel = "N/10s",
            defaultValue = "1000/10s",
            converter = ScalingConverter.class,
            description = "new environments per function per 10 s (default: ${DEFAULT-VALUE})")
    int scalingPerTenSeconds;

    @Option(
            names = "--record-size",
            paramLabel = "BYTES",
            defaultValue = "1024",
            converter = PositiveConverter.class,
            description = "the size of a stream record (default: ${DEFAULT-VALUE})")
    int recordBytes;

    @Option(names = "--json", description = "print the plan as JSON: every figure, formula and verdict")
    boolean json;

    @Parameters(
            paramLabel = "TEMPLATE",
            arity = "0..1",
            description = "the SAM template (default: " + DEFAULT_TEMPLATE + ")")
    Path template;

    @Mixin
    DataOption data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        Path file = template != null ? template : Path.of(DEFAULT_TEMPLATE);
        SamTemplate sam = read(file);
        List<String> context = new ArrayList<>();
        PlanInputs inputs = inputs(sam, context);
        Plan plan;
        try {
            plan = CapacityPlanner.plan(sam, inputs);
        } catch (IllegalArgumentException cannotPlan) {
            throw usage(cannotPlan.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode document = Json.internal().createObjectNode().put("template", file.toString());
            if (path.equalsIgnoreCase(ALL)) {
                document.put("ordersPerSecond", rps)
                        .set("perOrder", Json.internal().valueToTree(OrderFlow.perOrder(sam)));
            }
            document.setAll((ObjectNode) Json.internal().valueToTree(plan));
            out.println(Json.internal().writerWithDefaultPrettyPrinter().writeValueAsString(document));
        } else {
            out.print(PlanText.render(plan, file.toString(), context));
        }
        out.flush();
        return plan.fits() ? 0 : 1;
    }

    private SamTemplate read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw usage("no template at " + file.toAbsolutePath());
        }
        try {
            return SamTemplate.read(file);
        } catch (UncheckedIOException | IllegalArgumentException | org.yaml.snakeyaml.error.YAMLException unreadable) {
            throw usage("cannot read " + file + ": " + unreadable.getMessage());
        }
    }

    private PlanInputs inputs(SamTemplate sam, List<String> context) {
        Map<PathName, Double> rates = rates(sam, context);
        Duration baseline = null;
        Map<String, Duration> byFunction = new LinkedHashMap<>();
        for (String given : durations) {
            int equals = given.indexOf('=');
            if (equals < 0) {
                if (baseline != null) {
                    throw usage(
                            "--duration: one baseline D for every function, then FUNCTION=D for others; got two baselines");
                }
                baseline = quantity("--duration", () -> Quantities.duration(given));
            } else {
                String function = given.substring(0, equals).strip();
                if (function.isEmpty()) {
                    throw usage("--duration " + given + ": name the function before '=' (e.g. PaymentEvents=2s)");
                }
                if (byFunction.put(
                                function,
                                quantity(
                                        "--duration " + function,
                                        () -> Quantities.duration(given.substring(equals + 1))))
                        != null) {
                    throw usage("--duration: " + function + " is given twice");
                }
            }
        }
        if (baseline == null) {
            throw usage("--duration: give a baseline D for every function (FUNCTION=D only sets one function's)");
        }
        Map<Dependency, Duration> slowed = slowed();
        try {
            return new PlanInputs(
                    rates,
                    baseline,
                    byFunction,
                    slowed,
                    accountConcurrency,
                    scalingPerTenSeconds,
                    PlanInputs.MINIMUM_UNRESERVED,
                    recordBytes);
        } catch (IllegalArgumentException refused) {
            throw usage(refused.getMessage());
        }
    }

    private Map<PathName, Double> rates(SamTemplate sam, List<String> context) {
        if (path.equalsIgnoreCase(ALL)) {
            List<OrderFlow.PerOrder> flow;
            try {
                flow = OrderFlow.perOrder(sam);
            } catch (IllegalArgumentException cannotPlan) {
                throw usage(cannotPlan.getMessage());
            }
            context.add("each order brings "
                    + flow.stream()
                            .map(p -> p.path().label() + " " + p.arrivals() + " (" + p.why() + ")")
                            .collect(Collectors.joining(", ")));
            List<String> absent = Arrays.stream(PathName.values())
                    .filter(p -> flow.stream().noneMatch(f -> f.path() == p))
                    .map(PathName::label)
                    .toList();
            if (!absent.isEmpty()) {
                context.add("not in this template: " + String.join(", ", absent));
            }
            Map<PathName, Double> rates = OrderFlow.rates(sam, rps);
            if (rates.isEmpty()) {
                throw usage("the template has none of the paths " + paths());
            }
            return rates;
        }
        PathName one = PathName.named(path)
                .orElseThrow(() -> usage("--path " + path + ": not a path; one of " + paths() + " or all"));
        Map<PathName, Double> rates = new EnumMap<>(PathName.class);
        rates.put(one, rps);
        return rates;
    }

    private Map<Dependency, Duration> slowed() {
        Map<Dependency, Duration> slowed = new EnumMap<>(Dependency.class);
        for (String given : slow) {
            int equals = given.indexOf('=');
            String name = equals < 0 ? given : given.substring(0, equals).strip();
            Dependency dependency = Dependency.named(name)
                    .orElseThrow(() -> usage("--slow " + given + ": '" + name
                            + "' is not a dependency; one of "
                            + Arrays.stream(Dependency.values())
                                    .map(Dependency::label)
                                    .collect(Collectors.joining(", "))));
            if (equals < 0) {
                throw usage("--slow " + given + ": say how much slower, e.g. --slow " + dependency.label() + "=750");
            }
            if (slowed.put(
                            dependency,
                            quantity("--slow " + name, () -> Quantities.latency(given.substring(equals + 1))))
                    != null) {
                throw usage("--slow: " + dependency.label() + " is given twice");
            }
        }
        return slowed;
    }

    private static String paths() {
        return Arrays.stream(PathName.values()).map(PathName::label).collect(Collectors.joining(", "));
    }

    private <T> T quantity(String option, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException bad) {
            throw usage(option + ": " + bad.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** A value read by one of {@link Quantities}' readers; what it refuses is a usage error with the reader's reason. */
    private abstract static class QuantityConverter<T> implements CommandLine.ITypeConverter<T> {
        abstract T read(String value);

        @Override
        public T convert(String value) {
            try {
                return read(value);
            } catch (IllegalArgumentException bad) {
                throw new CommandLine.TypeConversionException(bad.getMessage());
            }
        }
    }

    /** {@code --rps}: a rate per second. */
    static final class RateConverter extends QuantityConverter<Double> {
        @Override
        Double read(String value) {
            return Quantities.rate(value);
        }
    }

    /** {@code --scaling-rate}: environments per 10 s. */
    static final class ScalingConverter extends QuantityConverter<Integer> {
        @Override
        Integer read(String value) {
            return Quantities.scalingPerTenSeconds(value);
        }
    }

    /** A whole number of at least 1. */
    static final class PositiveConverter implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int number = Integer.parseInt(value.strip());
                if (number >= 1) {
                    return number;
                }
            } catch (NumberFormatException notANumber) {
                // answered below
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not a whole number of at least 1");
        }
    }
}
