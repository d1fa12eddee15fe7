package dev.orders.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.plan.Templates;
import dev.orders.local.template.Repository;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code ./orders plan}: what it prints, its JSON, and its exit statuses (0 fits, 1 does not, 2 cannot be asked). */
class PlanCommandTest {

    private static final String TEMPLATE = Repository.template().toString();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int plan(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("plan"));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(String[]::new));
    }

    private String articleTemplate() throws IOException {
        return Files.writeString(dir.resolve("article.yaml"), Templates.ARTICLE).toString();
    }

    @Test
    void the_articles_2000_requests_at_250_ms_fit_and_exit_0_at_1_s_they_do_not_and_exit_1() throws IOException {
        String article = articleTemplate();

        assertThat(plan("--rps", "2000", "--duration", "250ms", article)).isZero();
        assertThat(out.toString())
                .contains("2,000 req/s × 0.25 s = 500 ≤ 1,000 unreserved pool")
                .contains("500 ≤ 1,000 account concurrency")
                .contains("Plan tight:");
        out.getBuffer().setLength(0);

        assertThat(plan("--rps", "2000", "--duration", "1s", article)).isEqualTo(1);
        assertThat(out.toString())
                .contains("2,000 req/s × 1 s = 2,000 > 1,000 unreserved pool")
                .containsPattern(
                        "account limit +does not fit +2,000 > 1,000 account concurrency +1,000 over: the account throttles")
                .contains("(2,000 would take 10 s)")
                .contains("Plan does not fit:");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void a_path_the_template_does_not_have_is_left_out_of_all_and_refused_by_name() throws IOException {
        String article = articleTemplate();

        assertThat(plan("--rps", "10", "--duration", "250ms", "--path", "all", article))
                .isZero();
        assertThat(out.toString()).contains("not in this template: payments, fulfillment, notifications, receipts");
        out.getBuffer().setLength(0);

        assertThat(plan("--rps", "10", "--duration", "250ms", "--path", "receipts", article))
                .isEqualTo(2);
        assertThat(err.toString()).contains("the template has no receipts path").doesNotContain("\tat ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void the_deployed_template_prints_one_line_per_check_with_its_formula() {
        assertThat(plan("--rps", "50", "--duration", "250ms", "--slow", "store=750", TEMPLATE))
                .isZero();

        assertThat(out.toString())
                .contains("Capacity plan of " + TEMPLATE + ": api at 50 requests/s")
                .contains("OrderApiFunction ← HTTP API POST /orders")
                .contains(
                        "duration 1.75 s per invocation = 250 ms (baseline) + 2 store calls × 750 ms; reserved concurrency 100")
                .containsPattern(
                        "concurrency +tight +50 req/s × 1.75 s = 87.5 ≤ 100 reserved concurrency +headroom 12.5")
                .containsPattern("callers see +tight +50 burst \\+ 100 req/s × 1.75 s = 225 > 100 reserved concurrency")
                .contains("Plan tight: 7 checks, 0 do not fit, 2 tight.");
    }

    @Test
    void json_holds_every_figure_formula_and_verdict_of_the_table() throws IOException {
        assertThat(plan("--rps", "2000", "--duration", "1s", "--json", TEMPLATE))
                .isEqualTo(1);

        JsonNode plan = Json.internal().readTree(out.toString());
        assertThat(plan.path("template").asText()).isEqualTo(TEMPLATE);
        assertThat(plan.path("verdict").asText()).isEqualTo("does not fit");
        assertThat(plan.path("inputs").path("rates").path("api").asDouble()).isEqualTo(2000);
        assertThat(plan.path("inputs").path("durationSeconds").asDouble()).isEqualTo(1);
        assertThat(plan.path("account").path("unreservedPool").asInt()).isEqualTo(898);
        assertThat(plan.path("account")
                        .path("reservations")
                        .path("OrderApiFunction")
                        .asInt())
                .isEqualTo(100);
        JsonNode function = plan.path("paths").path(0).path("functions").path(0);
        assertThat(function.path("function").asText()).isEqualTo("OrderApiFunction");
        assertThat(function.path("concurrencyNeeded").asDouble()).isEqualTo(2000);
        assertThat(function.path("expectedConcurrency").asDouble()).isEqualTo(100);
        assertThat(function.path("callers").path("answered429PerSecond").asDouble())
                .isEqualTo(1900);
        JsonNode concurrency = StreamSupport.stream(function.path("checks").spliterator(), false)
                .filter(c -> c.path("check").asText().equals("concurrency"))
                .findFirst()
                .orElseThrow();
        assertThat(concurrency.path("formula").asText())
                .isEqualTo("2,000 req/s × 1 s = 2,000 > 100 reserved concurrency");
        assertThat(concurrency.path("demand").asDouble()).isEqualTo(2000);
        assertThat(concurrency.path("limit").asDouble()).isEqualTo(100);
        assertThat(concurrency.path("headroom").asDouble()).isEqualTo(-1900);
        assertThat(concurrency.path("verdict").asText()).isEqualTo("does not fit");
        assertThat(concurrency.has("note") && concurrency.has("unit") && concurrency.has("subject"))
                .isTrue();
        assertThat(plan.path("accountChecks").findValuesAsText("check")).containsExactly("unreserved", "account limit");
    }

    @Test
    void every_path_at_once_is_asked_in_orders_per_second() throws IOException {
        assertThat(plan("--rps", "20", "--duration", "250ms", "--path", "all", TEMPLATE))
                .isEqualTo(1);
        assertThat(out.toString())
                .contains("each order brings api 1 (one POST /orders), payments 1 (one payment callback),"
                        + " fulfillment 3 (PICKED, SHIPPED, DELIVERED), notifications 3 (OrderPaid, OrderShipped, OrderDelivered),"
                        + " receipts 1 (one receipt image)")
                .doesNotContain("not in this template")
                .containsPattern(
                        "throughput +does not fit +60 msg/s > 2 MaximumConcurrency × 5 per batch ÷ 0.25 s = 40 msg/s");
        out.getBuffer().setLength(0);

        assertThat(plan(
                        "--rps",
                        "5",
                        "--duration",
                        "250ms",
                        "--duration",
                        "Notifications=100ms",
                        "--path",
                        "ALL",
                        "--json",
                        TEMPLATE))
                .isZero();
        JsonNode plan = Json.internal().readTree(out.toString());
        assertThat(plan.path("ordersPerSecond").asDouble()).isEqualTo(5);
        assertThat(plan.path("perOrder").findValuesAsText("path"))
                .containsExactly("api", "payments", "fulfillment", "notifications", "receipts");
        assertThat(plan.path("paths").findValuesAsText("path"))
                .containsExactly("api", "payments", "fulfillment", "notifications", "receipts");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "--rps 2000 --duration fast                  | --duration: 'fast' is not a duration such as 250ms, 1s, 0.25s or 1.5 (seconds)",
                "--rps 2000 --duration 0                     | --duration: a duration must be greater than 0",
                "--rps 2000 --duration 901s                  | longer than a Lambda invocation can last (900 s)",
                "--rps 2000 --duration -1s                   | is not a duration",
                "--rps abc --duration 1s                     | 'abc' is not a rate",
                "--rps 0 --duration 1s                       | a rate must be greater than 0",
                "--rps 10 --duration 1s --duration 2s        | got two baselines",
                "--rps 10 --duration Nope=2s                 | give a baseline D for every function",
                "--rps 10 --duration 1s --duration Nope=2s   | no function 'Nope' on the planned paths; they are OrderApiFunction",
                "--rps 10 --duration 1s --duration =2s       | name the function before '='",
                "--rps 10 --duration 1s --path nowhere       | --path nowhere: not a path; one of api, payments, fulfillment, notifications, receipts or all",
                "--rps 10 --duration 1s --slow disk=5        | 'disk' is not a dependency; one of store, bus, queue, stream, mailer, objects",
                "--rps 10 --duration 1s --slow store         | say how much slower, e.g. --slow store=750",
                "--rps 10 --duration 1s --slow store=slow    | --slow store: 'slow' is not milliseconds such as 750",
                "--rps 10 --duration 1s --slow store=1 --slow store=2 | store is given twice",
                "--rps 10 --duration 1s --account-concurrency 0 | '0' is not a whole number of at least 1",
                "--rps 10 --duration 1s --scaling-rate often | 'often' is not a scaling rate",
                "--rps 10 --duration 1s --record-size 2000000 | a stream record is 1 to 1048576 bytes",
                "--duration 1s                               | Missing required option: '--rps=R'",
            })
    void a_question_that_cannot_be_asked_is_a_usage_error_with_its_reason_and_no_stack_trace(
            String args, String message) {
        List<String> all = new ArrayList<>(List.of(args.trim().split("\\s+")));
        all.add(TEMPLATE);

        assertThat(plan(all.toArray(String[]::new))).isEqualTo(2);

        assertThat(err.toString()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void a_template_that_is_missing_or_unreadable_is_a_usage_error() throws IOException {
        assertThat(plan(
                        "--rps",
                        "10",
                        "--duration",
                        "1s",
                        dir.resolve("none.yaml").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("no template at " + dir.resolve("none.yaml"));
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "Resources: [unclosed");
        assertThat(plan("--rps", "10", "--duration", "1s", broken.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read " + broken).doesNotContain("\tat ");
    }

    @Test
    void the_help_lists_plan_with_its_options() {
        assertThat(plan("--help")).isZero();
        assertThat(out.toString())
                .contains("--rps=R")
                .contains("--duration=D|FUNCTION=D")
                .contains("--slow=DEPENDENCY=MS")
                .contains("--scaling-rate=N/10s")
                .contains("--account-concurrency=N")
                .contains("TEMPLATE");
    }
}
