package dev.orders.bench.cold;

import dev.orders.bench.JavaChild;
import dev.orders.bench.Layout;
import dev.orders.bench.Samples;
import dev.orders.bench.lambda.HelloHandler;
import dev.orders.bench.lambda.LambdaStandIn;
import dev.orders.functions.api.OrderApiHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cold start proxy: a fresh JVM per run, from process start to the first handled {@code POST /orders} event,
 * OrderApiHandler through its no-argument constructor (adapters against dynalite) beside the hello-world handler,
 * same classpath (the shaded jar plus the stand-in runtime), same flags, runs interleaved.
 */
public final class ColdStarts {

    private static final Pattern INVOKE_MS = Pattern.compile("invokeMs=(\\d+)");
    private static final Pattern INIT_MS = Pattern.compile("initMs=(\\d+)");

    /** The two handlers a cold start compares. */
    public enum Handler {
        HELLO(HelloHandler.class.getName()),
        ORDER_API(OrderApiHandler.class.getName());

        private final String className;

        Handler(String className) {
            this.className = className;
        }

        public String className() {
            return className;
        }
    }

    /** A handler's cold starts under one variant: wall times, and the stand-in's own init/invoke split. */
    public record Runs(Samples wallMillis, Samples initMillis, Samples invokeMillis) {}

    public record Result(JvmVariant variant, Map<Handler, Runs> runs) {
        public Runs of(Handler handler) {
            return runs.get(handler);
        }
    }

    private final Layout layout;
    private final LambdaFlags flags;
    private final Map<String, String> environment;
    private final Path event;

    public ColdStarts(Layout layout, LambdaFlags flags, Map<String, String> functionEnvironment) {
        this.layout = layout;
        this.flags = flags;
        this.environment = functionEnvironment;
        this.event = copyEvent(layout.work("post-order.json"));
    }

    public String classpath() {
        return layout.functionsJar() + java.io.File.pathSeparator + layout.standInJar();
    }

    public Result measure(JvmVariant variant, int runs) {
        Map<Handler, Path> archives = new HashMap<>();
        for (Handler handler : Handler.values()) {
            if (variant.needsTraining()) {
                Path archive = layout.work(handler.name().toLowerCase() + "-"
                        + variant.archiveSuffix().substring(1) + variant.archiveSuffix());
                child(variant, handler, variant.training().apply(archive))
                        .timed(line -> line.startsWith("FIRST"), stderr(), 180);
                if (!Files.isRegularFile(archive)) {
                    throw new IllegalStateException("the training run wrote no " + archive + " (see " + stderr() + ")");
                }
                archives.put(handler, archive);
            }
        }
        Map<Handler, List<double[]>> measured = new LinkedHashMap<>();
        for (int run = 0; run < runs; run++) {
            for (Handler handler : Handler.values()) {
                List<String> options =
                        archives.containsKey(handler) ? variant.run().apply(archives.get(handler)) : List.of();
                JavaChild.Timed timed =
                        child(variant, handler, options).timed(line -> line.startsWith("FIRST"), stderr(), 120);
                measured.computeIfAbsent(handler, h -> new ArrayList<>()).add(new double[] {
                    timed.millis(), number(INIT_MS, timed.line()), number(INVOKE_MS, timed.line())
                });
            }
        }
        Map<Handler, Runs> result = new LinkedHashMap<>();
        measured.forEach(
                (handler, rows) -> result.put(handler, new Runs(column(rows, 0), column(rows, 1), column(rows, 2))));
        return new Result(variant, result);
    }

    /** One process running {@code invocations} invocations to its end; the result holds its DONE line. */
    public JavaChild.Timed run(JvmVariant variant, Handler handler, int invocations) {
        List<String> options = new ArrayList<>(flags.jvmOptions());
        return new JavaChild(layout)
                .options(options)
                .env(environment(variant))
                .main(
                        classpath(),
                        LambdaStandIn.class.getName(),
                        handler.className(),
                        event.toString(),
                        Integer.toString(invocations))
                .timed(line -> line.startsWith("DONE"), stderr(), 1200);
    }

    /** Classes the JVM loaded up to the end of the first invocation, counted from -Xlog:class+load. */
    public long loadedClasses(Handler handler, JvmVariant variant) {
        Path log = layout.work(handler.name().toLowerCase() + "-classes.log");
        child(variant, handler, List.of("-Xlog:class+load=info:file=" + log))
                .timed(line -> line.startsWith("FIRST"), stderr(), 120);
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("source:")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command one run of {@code variant} uses, for the report's "how to reproduce". */
    public String commandLine(JvmVariant variant, Handler handler) {
        return String.join(" ", child(variant, handler, List.of()).command());
    }

    public Map<String, String> environment(JvmVariant variant) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.putAll(flags.lambdaVariables("OrderApiFunction"));
        if (variant.templateToolOptions()) {
            flags.toolOptions().ifPresent(options -> env.put("JAVA_TOOL_OPTIONS", options));
        }
        return env;
    }

    private JavaChild child(JvmVariant variant, Handler handler, List<String> extra) {
        List<String> options = new ArrayList<>(flags.jvmOptions());
        options.addAll(extra);
        return new JavaChild(layout)
                .options(options)
                .env(environment(variant))
                .main(classpath(), LambdaStandIn.class.getName(), handler.className(), event.toString());
    }

    private Path stderr() {
        return layout.work("cold-start.stderr.log");
    }

    private static Samples column(List<double[]> rows, int index) {
        return Samples.of(rows.stream().map(r -> r[index]).toList());
    }

    private static double number(Pattern pattern, String line) {
        Matcher matcher = pattern.matcher(line);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }

    static Path copyEvent(Path target) {
        try (InputStream in = ColdStarts.class.getResourceAsStream("/bench/post-order.json")) {
            if (in == null) {
                throw new IllegalStateException("bench/post-order.json is not on the classpath");
            }
            Files.createDirectories(target.getParent());
            Files.write(target, in.readAllBytes());
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
