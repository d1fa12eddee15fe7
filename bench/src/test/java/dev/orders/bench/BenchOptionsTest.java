package dev.orders.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaults_run_every_scenario_in_full_mode() {
        Bench.Options options = Bench.Options.parse(new String[0]);

        assertThat(options.quick()).isFalse();
        assertThat(options.only()).containsExactly("cold", "warm", "e2e", "stream", "store", "memory", "cli");
        assertThat(options.work()).isEqualTo(Path.of("bench/target/bench-work"));
    }

    @Test
    void quick_mode_and_a_chosen_subset_keep_the_order_given() {
        Bench.Options options =
                Bench.Options.parse(new String[] {"--quick", "--only", "stream,cold", "--work", "/tmp/w"});

        assertThat(options.quick()).isTrue();
        assertThat(options.only()).containsExactly("stream", "cold");
        assertThat(options.work()).isEqualTo(Path.of("/tmp/w"));
    }

    @Test
    void an_unknown_scenario_or_option_is_refused_with_its_name() {
        assertThatThrownBy(() -> Bench.Options.parse(new String[] {"--only", "cold,speed"}))
                .hasMessageContaining("'speed'");
        assertThatThrownBy(() -> Bench.Options.parse(new String[] {"--fast"})).hasMessageContaining("'--fast'");
        assertThatThrownBy(() -> Bench.Options.parse(new String[] {"--only"}))
                .hasMessageContaining("--only needs a value");
    }

    @Test
    void a_wrong_command_line_exits_2_with_the_usage_and_no_stack_trace() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(Bench.run(new String[] {"--only", "nothing"})).isEqualTo(2);
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("usage: ./orders bench")
                .doesNotContain("Exception");
    }

    @Test
    void quick_settings_are_a_smoke_run_and_full_settings_meet_the_brief() {
        Settings quick = Settings.quick();
        Settings full = Settings.full();

        assertThat(quick.coldStartRuns()).isEqualTo(2);
        assertThat(quick.streamRecords()).isEqualTo(1_000);
        assertThat(quick.memoryInvocations()).isEqualTo(1_000);
        assertThat(full.coldStartRuns()).isGreaterThanOrEqualTo(20);
        assertThat(full.memoryInvocations()).isEqualTo(10_000);
        assertThat(full.streamRecords()).isEqualTo(10_000);
    }
}
