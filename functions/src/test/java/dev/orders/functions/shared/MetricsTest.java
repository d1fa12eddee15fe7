package dev.orders.functions.shared;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;

/** What a count writes: EMF lines on stdout, one per count, or one per metric and reason for a tally. */
class MetricsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream stdout;
    private Environments override;

    @BeforeEach
    void captureStdout() {
        // As Lambda's runtime (and the local runtime) tell the EMF library: lines go to stdout, no agent is probed.
        override = EnvironmentConfigurationProvider.getConfig().getEnvironmentOverride();
        EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Local);
        stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(stdout);
        EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(override);
    }

    @Test
    void each_count_is_a_line_of_its_own() {
        Metrics metrics = new Metrics("Test");
        metrics.count("Applied");
        metrics.count("Applied");

        assertThat(lines())
                .hasSize(2)
                .allSatisfy(line -> assertThat(line.get("Applied").asDouble()).isEqualTo(1.0));
    }

    @Test
    void a_tally_writes_one_line_per_metric_and_reason_with_the_sum_when_flushed() {
        Metrics.Tally tally = new Metrics("Test").tally();
        tally.count("Applied");
        tally.count("Applied");
        tally.count("Applied");
        tally.count("Quarantined", "unreadable");
        tally.count("Quarantined", "rejected");
        tally.count("Quarantined", "unreadable");
        assertThat(lines()).as("nothing is written before the flush").isEmpty();

        tally.flush();

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("Applied").asDouble()).isEqualTo(3.0);
        assertThat(lines.get(0).get("Service").asText()).isEqualTo("Test");
        assertThat(lines.get(0).has("Reason")).isFalse();
        assertThat(lines.get(1).get("Quarantined").asDouble()).isEqualTo(2.0);
        assertThat(lines.get(1).get("Reason").asText()).isEqualTo("unreadable");
        assertThat(lines.get(2).get("Quarantined").asDouble()).isEqualTo(1.0);
        assertThat(lines.get(2).get("Reason").asText()).isEqualTo("rejected");
        JsonNode definition = lines.get(1).get("_aws").get("CloudWatchMetrics").get(0);
        assertThat(definition.get("Metrics").get(0).get("Unit").asText()).isEqualTo("Count");
        assertThat(definition.get("Dimensions").get(0).toString()).isEqualTo("[\"Service\",\"Reason\"]");
    }

    @Test
    void a_flushed_tally_starts_again_from_nothing() {
        Metrics.Tally tally = new Metrics("Test").tally();
        tally.count("Applied");
        tally.flush();
        tally.flush();
        tally.count("Applied");
        tally.flush();

        assertThat(lines())
                .hasSize(2)
                .allSatisfy(line -> assertThat(line.get("Applied").asDouble()).isEqualTo(1.0));
    }

    private List<JsonNode> lines() {
        return out.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(line -> line.contains("\"_aws\""))
                .map(MetricsTest::json)
                .toList();
    }

    private static JsonNode json(String line) {
        try {
            return Json.internal().readTree(line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
