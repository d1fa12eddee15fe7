package dev.orders.local.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.template.SamTemplate;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code ./orders edge test EVENT.json}: runs the template's viewer-request function on one event, as CloudFront's
 * {@code TestFunction} does, and prints what it reports (the function's output, its log lines, its error) plus the
 * execution time: the first run (GraalJS's start-up included) and the median of the second half of N more runs. The key value store
 * is the data folder's copy, else the bundled seed; EVENT.json is a CloudFront event or a fixture of
 * {@code edge/test/fixtures} (whose {@code store}, when it has one, is used instead).
 */
public final class EdgeTestCommand {

    public static final int DEFAULT_RUNS = 200;

    private EdgeTestCommand() {}

    /** 0 when the function ran and returned what CloudFront accepts, 1 when it failed, 2 when nothing could run. */
    public static int run(Path eventFile, Path dataDir, int runs, PrintStream out) {
        JsonNode document;
        try {
            document = Json.internal().readTree(Files.readString(eventFile, StandardCharsets.UTF_8));
        } catch (IOException unreadable) {
            out.println("edge test: cannot read " + eventFile + ": " + unreadable.getMessage());
            return 2;
        }
        JsonNode event = document != null && document.has("event") ? document.get("event") : document;
        if (event == null
                || !event.path("request").path("uri").isTextual()
                || !event.path("request").path("method").isTextual()) {
            out.println(
                    "edge test: " + eventFile
                            + " is not a viewer-request event (it needs request.method and request.uri;"
                            + " see https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-event-structure.html)");
            return 2;
        }
        EdgeSettings.FunctionSettings function = EdgeSettings.from(SamTemplate.bundled())
                .flatMap(EdgeSettings::viewerRequest)
                .orElse(null);
        if (function == null) {
            out.println("edge test: the template associates no function with a distribution's viewer-request event");
            return 2;
        }
        KeyValueStoreFile.Snapshot store;
        try {
            store = document.has("store")
                    ? KeyValueStoreFile.parse("fixture", document.get("store").toString(), 1)
                    : function.store()
                            .map(s -> KeyValueStoreFile.readOnly(dataDir, s.logicalId(), s.seed()))
                            .orElse(null);
        } catch (IllegalArgumentException refused) {
            out.println("edge test: the key value store is refused: " + refused.getMessage());
            return 2;
        }
        try (EdgeFunctionRuntime runtime = new EdgeFunctionRuntime(function.logicalId(), function.code(), 1)) {
            String eventJson = event.toString();
            EdgeFunctionRuntime.Invocation first = runtime.invoke(eventJson, store);
            long[] warm = new long[Math.max(1, runs)];
            for (int i = 0; i < warm.length; i++) {
                warm[i] = runtime.invoke(eventJson, store).elapsed().toNanos();
            }
            // The interpreter specialises the code during the first runs: the median is taken over the second half.
            long[] settled = Arrays.copyOfRange(warm, warm.length / 2, warm.length);
            Arrays.sort(settled);
            out.println(report(function, first, settled));
            return first.error().isPresent() || invalid(first) != null ? 1 : 0;
        }
    }

    private static String report(
            EdgeSettings.FunctionSettings function, EdgeFunctionRuntime.Invocation first, long[] warm) {
        ObjectNode report = Json.internal().createObjectNode();
        report.putObject("FunctionSummary").put("Name", function.logicalId()).put("Runtime", function.runtime());
        ObjectNode output = report.putObject("FunctionOutput");
        first.output().ifPresent(o -> output.set(o.has("statusCode") ? "response" : "request", o));
        report.putArray("FunctionExecutionLogs")
                .addAll(first.logs().stream().map(report::textNode).toList());
        String invalid = invalid(first);
        report.put(
                "FunctionErrorMessage",
                first.error().orElse(invalid == null ? "" : "The function returned an invalid object: " + invalid));
        report.putObject("ExecutionTime")
                .put("engine", EdgeFunctionRuntime.engineDescription())
                .put("firstMicros", first.elapsed().toNanos() / 1000)
                .put("medianMicros", warm[warm.length / 2] / 1000)
                .put("medianOver", warm.length);
        try {
            return Json.internal().writerWithDefaultPrettyPrinter().writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Why CloudFront would refuse the function's output (it answers 502), or null. */
    private static String invalid(EdgeFunctionRuntime.Invocation run) {
        if (run.error().isPresent()) {
            return null;
        }
        try {
            ViewerRequests.apply(run.output().orElse(null));
            return null;
        } catch (ViewerRequests.InvalidOutput refused) {
            return refused.getMessage();
        }
    }
}
