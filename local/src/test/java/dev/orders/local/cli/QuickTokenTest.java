package dev.orders.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.auth.LocalIssuer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The plain forms of {@code ./orders token} answered without picocli: the same token as {@link TokenCommand}'s, the
 * same defaults, and every other form left to picocli untouched.
 */
class QuickTokenTest {

    @TempDir
    Path data;

    @Test
    void parses_the_plain_forms_in_any_order_with_both_option_spellings() {
        String dir = data.toString();
        assertThat(QuickToken.parse(new String[] {"token", "alice"}))
                .isEqualTo(new QuickToken.Request("alice", Duration.ofHours(1), Path.of(".orders-data")));
        assertThat(QuickToken.parse(new String[] {"token", "--data", dir, "alice", "--ttl", "60"}))
                .isEqualTo(new QuickToken.Request("alice", Duration.ofSeconds(60), data));
        assertThat(QuickToken.parse(new String[] {"token", "--ttl=5", "bob", "--data=" + dir}))
                .isEqualTo(new QuickToken.Request("bob", Duration.ofSeconds(5), data));
        assertThat(QuickToken.parse(new String[] {"token", "carol=x"}))
                .as("an '=' in CUSTOMER_ID is part of it, as picocli reads it")
                .isEqualTo(new QuickToken.Request("carol=x", Duration.ofHours(1), Path.of(".orders-data")));
    }

    @Test
    void leaves_every_other_form_to_picocli() {
        List<List<String>> others = List.of(
                List.of(),
                List.of("token"),
                List.of("up", "alice"),
                List.of("token", "alice", "--json"),
                List.of("token", "-h"),
                List.of("token", "alice", "--help"),
                List.of("token", "--", "alice"),
                List.of("token", "alice", "bob"),
                List.of("token", "alice", "--unknown"),
                List.of("token", "alice", "--ttl"),
                List.of("token", "alice", "--ttl", "soon"),
                List.of("token", "alice", "--ttl", "-5"),
                List.of("token", "alice", "--ttl", "5", "--ttl", "6"),
                List.of("token", "alice", "--data", "a", "--data=b"),
                List.of("token", "--data", "alice"),
                List.of("token", "-alice"));
        for (List<String> args : others) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(QuickToken.answer(args.toArray(String[]::new), new PrintStream(out)))
                    .as("%s", args)
                    .isFalse();
            assertThat(out.size()).as("%s prints nothing", args).isZero();
        }
    }

    @Test
    void has_token_commands_defaults_and_options() {
        CommandLine.Model.CommandSpec spec = new CommandLine(new TokenCommand()).getCommandSpec();
        assertThat(spec.findOption("--ttl").defaultValue()).isEqualTo(Long.toString(QuickToken.DEFAULT_TTL_SECONDS));
        assertThat(spec.findOption("--data").defaultValue()).isEqualTo(QuickToken.DEFAULT_DATA);
        assertThat(spec.options().stream().map(CommandLine.Model.OptionSpec::longestName))
                .as("an option TokenCommand gains is one QuickToken must answer or leave to picocli: review it")
                .containsExactlyInAnyOrder("--ttl", "--json", "--data");
        assertThat(spec.positionalParameters()).hasSize(1);
    }

    @Test
    void answers_with_the_token_picocli_gives_for_the_same_arguments() throws Exception {
        String[] args = {"token", "alice@Example", "--ttl", "120", "--data", data.toString()};
        ByteArrayOutputStream quick = new ByteArrayOutputStream();
        assertThat(QuickToken.answer(args, new PrintStream(quick, true, StandardCharsets.UTF_8)))
                .isTrue();

        StringWriter picocli = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(picocli, true));
        assertThat(cli.execute(args)).isZero();

        String quickToken = quick.toString(StandardCharsets.UTF_8);
        assertThat(quickToken).endsWith(System.lineSeparator());
        JsonNode quickClaims = claims(quickToken.strip());
        JsonNode picocliClaims = claims(picocli.toString().strip());
        assertThat(withoutTimes(quickClaims)).isEqualTo(withoutTimes(picocliClaims));
        assertThat(quickClaims.get("exp").asLong() - quickClaims.get("iat").asLong())
                .isEqualTo(120);
        assertThat(LocalIssuer.open(data, LocalIssuer.BUNDLED_AUDIENCE)
                        .verifier()
                        .verify(quickToken.strip()))
                .as("the gateway of ./orders up over this data folder accepts it")
                .isPresent();
    }

    @Test
    void a_failing_issuer_prints_nothing_and_leaves_the_report_to_picocli() throws Exception {
        Path notAFolder = Files.writeString(data.resolve("file"), "x");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(QuickToken.answer(
                        new String[] {"token", "alice", "--data", notAFolder.toString()}, new PrintStream(out)))
                .isFalse();
        assertThat(out.size()).isZero();

        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("token", "alice", "--data", notAFolder.toString()))
                .isEqualTo(1);
        assertThat(err.toString()).startsWith("orders: token failed: ").doesNotContain("\tat ");
    }

    private static JsonNode claims(String token) throws Exception {
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        return Json.strict().readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    private static JsonNode withoutTimes(JsonNode claims) {
        ObjectNode copy = claims.deepCopy();
        copy.remove(List.of("iat", "nbf", "exp"));
        return copy;
    }
}
