package dev.orders.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orders.functions.shared.Json;
import dev.orders.local.Http;
import dev.orders.local.LocalPlatform;
import dev.orders.local.store.Faults;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./orders}: generated help, consistent options, exit statuses, and what the commands print. */
class CommandLineTest {

    @TempDir
    Path data;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** An order of 25.00 EUR, placed through the API; its id. */
    private String placeOrder(LocalPlatform platform, String idempotencyKey) throws Exception {
        String token = LocalPlatform.issuer(data).token("alice", Duration.ofMinutes(5));
        return Json.internal()
                .readTree(new Http(platform.url())
                        .placeOrder(token, idempotencyKey, Http.ORDER)
                        .body())
                .path("orderId")
                .asText();
    }

    @Test
    void help_lists_every_subcommand_with_its_options() {
        assertThat(run("help")).isZero();
        assertThat(out.toString())
                .containsPattern(
                        "\\./orders up \\[--account-concurrency=N] \\[--data=DIR] \\[--parameter-overrides=K=V ?\\[,K=V]] "
                                + "\\[--port=PORT] \\[--time-scale=N]")
                .contains("./orders token [--json] [--data=DIR] [--ttl=SECONDS] CUSTOMER_ID")
                .containsPattern("\\./orders pay \\[--fail] \\[--json].*\\[--url=URL] ORDER_ID")
                .contains("./orders lint [--data=DIR] [TEMPLATE]")
                .contains("./orders test [MAVEN_ARGS...]")
                .containsPattern("\\./orders bench \\[--quick].*\\[--only=SECTIONS")
                .contains("--data defaults to ./.orders-data");
        out.getBuffer().setLength(0);
        assertThat(run()).as("no command is the help too").isZero();
        assertThat(out.toString()).contains("./orders up");
    }

    @Test
    void one_commands_help_describes_each_option() {
        assertThat(run("help", "pay")).isZero();
        assertThat(out.toString())
                .contains("--fail")
                .contains("send payment.failed instead")
                .contains("--url=URL")
                .contains("default: .orders-data");
        out.getBuffer().setLength(0);
        assertThat(run("pay", "--help")).isZero();
        assertThat(out.toString()).contains("ORDER_ID");
    }

    @Test
    void a_flag_before_the_order_id_is_a_flag_and_the_id_stays_positional() {
        CommandLine cli = Main.commandLine();
        CommandLine.ParseResult parsed = cli.parseArgs("pay", "--fail", "o-1", "--data", data.toString());
        PayCommand pay = parsed.subcommand().commandSpec().commandLine().getCommand();
        assertThat(pay.fail).isTrue();
        assertThat(pay.orderId).isEqualTo("o-1");
        assertThat(pay.data.dir).isEqualTo(data);
    }

    @Test
    void an_unknown_command_or_option_is_a_usage_error_with_status_2() {
        assertThat(run("fly")).isEqualTo(2);
        assertThat(err.toString()).contains("fly");
        assertThat(run("token")).as("CUSTOMER_ID is required").isEqualTo(2);
        assertThat(run("up", "--port", "eighty")).isEqualTo(2);
    }

    @Test
    void the_launcher_commands_say_so_when_run_directly() {
        assertThat(run("test")).isEqualTo(1);
        assertThat(err.toString()).contains("./orders test");
    }

    @Test
    void token_prints_a_token_the_gateway_accepts_or_json_with_its_expiry() throws Exception {
        assertThat(run("token", "alice", "--data", data.toString())).isZero();
        String token = out.toString().strip();
        assertThat(token.split("\\.")).hasSize(3);
        out.getBuffer().setLength(0);
        assertThat(run("token", "bob", "--json", "--ttl", "60", "--data", data.toString()))
                .isZero();
        assertThat(out.toString())
                .contains("\"customerId\":\"bob\"")
                .contains("\"token\":\"")
                .contains("\"expiresAt\":\"");
        try (LocalPlatform platform = LocalPlatform.open(data, Faults.none()).start(0)) {
            assertThat(new Http(platform.url()).get("/orders/nothing", token).statusCode())
                    .as("accepted, not found")
                    .isEqualTo(404);
        }
    }

    @Test
    void pay_with_another_secret_than_the_platforms_exits_1_and_says_where_its_secret_came_from(@TempDir Path elsewhere)
            throws Exception {
        try (LocalPlatform platform = LocalPlatform.open(data, Faults.none()).start(0)) {
            String orderId = placeOrder(platform, "pay-401");

            int status = run("pay", orderId, "--data", elsewhere.toString(), "--url", platform.url());

            assertThat(status).isEqualTo(1);
            assertThat(out.toString()).contains("401");
            assertThat(err.toString())
                    .contains("ORDERS_PAYMENT_SECRET")
                    .contains(elsewhere.resolve("acmepay-secret").toString())
                    .contains("./orders up");
        }
    }

    @Test
    void pay_with_the_platforms_secret_is_accepted() throws Exception {
        try (LocalPlatform platform = LocalPlatform.open(data, Faults.none()).start(0)) {
            String orderId = placeOrder(platform, "pay-ok");

            assertThat(run("pay", "--fail", orderId, "--json", "--data", data.toString()))
                    .isZero();
            assertThat(out.toString())
                    .contains("\"status\":202")
                    .contains("payment.failed")
                    .contains("\"amount\":\"25.00\"");
        }
    }

    @Test
    void pay_without_a_running_platform_says_how_to_start_one() {
        assertThat(run("pay", "o-1", "--data", data.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("./orders up --data " + data);
    }
}
