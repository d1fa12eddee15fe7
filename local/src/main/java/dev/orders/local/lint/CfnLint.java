package dev.orders.local.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * AWS's own template linter, {@code cfn-lint}, run as a process: it runs the SAM translator first (as
 * {@code sam validate --lint} does) and checks the CloudFormation that results, which catches what the project's
 * rules do not (circular dependencies, invalid properties, references to nothing). Its error and warning findings
 * come back as {@link Finding}s named {@code cfn-lint:<rule id>}.
 */
public final class CfnLint {

    /** The version CI and the developers' machines have; another version may find more or less. */
    public static final String PINNED_VERSION = "1.51.0";

    public static final String INSTALL = "pip install cfn-lint==" + PINNED_VERSION;
    /** Overrides where cfn-lint is found (a path to the executable). */
    public static final String EXECUTABLE_VARIABLE = "ORDERS_CFN_LINT";

    private static final long TIMEOUT_SECONDS = 180;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Optional<Path> executable;
    private volatile String version;

    private CfnLint(Optional<Path> executable) {
        this.executable = executable;
    }

    /** {@code $ORDERS_CFN_LINT}, else {@code cfn-lint} on the PATH. */
    public static CfnLint installed() {
        Optional<Path> configured = Optional.ofNullable(System.getenv(EXECUTABLE_VARIABLE))
                .filter(v -> !v.isBlank())
                .map(Path::of);
        return new CfnLint(configured.isPresent() ? configured.filter(Files::isExecutable) : onPath("cfn-lint"));
    }

    /** The given executable (tests use a stand-in), or none. */
    public static CfnLint at(Optional<Path> executable) {
        return new CfnLint(executable);
    }

    public boolean available() {
        return executable.isPresent();
    }

    /** What a run gives: the version that ran and its findings. */
    public record Report(String version, List<Finding> findings) {
        public long errors() {
            return findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        }

        public long warnings() {
            return findings.size() - errors();
        }
    }

    /**
     * Lints one template. Throws when cfn-lint is not installed (ask {@link #available()} first), when it cannot
     * run, or when its output is not the JSON report: a linter that did not run must never read as a clean result.
     */
    public Report check(Path template) {
        Path command = executable.orElseThrow(() -> new IllegalStateException("cfn-lint is not installed: " + INSTALL));
        if (version == null) {
            version = run(List.of(command.toString(), "--version"))
                    .output()
                    .strip()
                    .replaceFirst("^cfn-lint\\s+", "");
        }
        Result result = run(List.of(
                command.toString(),
                "--format",
                "json",
                "--",
                template.toAbsolutePath().toString()));
        // cfn-lint's exit status is a bit mask: 2 errors, 4 warnings, 8 informational; 1 means it failed to run.
        if ((result.status() & 1) != 0) {
            throw new IllegalStateException("cfn-lint failed (exit " + result.status() + "): "
                    + result.output().strip());
        }
        JsonNode report;
        try {
            report = MAPPER.readTree(result.output());
        } catch (IOException notJson) {
            throw new IllegalStateException("cfn-lint printed no JSON report (exit " + result.status() + "): "
                    + result.output().strip());
        }
        if (report == null || !report.isArray()) {
            throw new IllegalStateException("cfn-lint printed no JSON report (exit " + result.status() + "): "
                    + result.output().strip());
        }
        List<Finding> findings = new ArrayList<>();
        for (JsonNode match : report) {
            String level = match.path("Level").asText();
            Severity severity = switch (level) {
                case "Error" -> Severity.ERROR;
                case "Warning" -> Severity.WARNING;
                default -> null; // Informational: not reported unless asked for
            };
            if (severity != null) {
                findings.add(new Finding(
                        "cfn-lint:" + match.path("Rule").path("Id").asText(),
                        resource(match),
                        match.path("Message").asText() + " (line "
                                + match.path("Location")
                                        .path("Start")
                                        .path("LineNumber")
                                        .asInt() + ")",
                        severity));
            }
        }
        if ((result.status() & 2) != 0 && findings.stream().noneMatch(f -> f.severity() == Severity.ERROR)) {
            throw new IllegalStateException("cfn-lint exited " + result.status() + " (errors) but reported none: "
                    + result.output().strip());
        }
        return new Report(version, List.copyOf(findings));
    }

    /** The logical id a finding's location points at, or {@code -} for the template as a whole. */
    private static String resource(JsonNode match) {
        JsonNode path = match.path("Location").path("Path");
        return path.isArray() && path.size() >= 2 && path.get(0).asText().equals("Resources")
                ? path.get(1).asText()
                : "-";
    }

    private record Result(int status, String output) {}

    private static Result run(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> output =
                CompletableFuture.supplyAsync(() -> read(process.getInputStream()), reader("cfn-lint-output"));
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " ran over " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), output.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running cfn-lint", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot read cfn-lint's output: " + e.getMessage(), e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** A blocking read gets a thread of its own: on two cores the common pool has one worker, which a read would hold. */
    private static java.util.concurrent.Executor reader(String name) {
        return task -> Thread.ofVirtual().name(name).start(task);
    }
}
