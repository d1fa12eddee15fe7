package dev.orders.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orders.functions.shared.Json;
import dev.orders.local.Http;
import dev.orders.local.LocalPlatform;
import dev.orders.local.store.Faults;
import dev.orders.local.stream.LocalStream;
import dev.orders.local.stream.ShardStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./orders fault} and {@code /_local/faults} against a running platform: a fault injected at the store reaches
 * the handler as the AWS adapter's error would (the handler answers with its own 503), bad input changes nothing.
 */
class FaultCommandTest {

    @TempDir
    static Path data;

    static LocalPlatform platform;
    static Http http;
    static String token;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void start() throws Exception {
        platform = LocalPlatform.open(data, Faults.none()).start(0);
        http = new Http(platform.url());
        token = LocalPlatform.issuer(data).token("alice", Duration.ofMinutes(10));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @BeforeEach
    void noFaults() {
        platform.faults().clear();
    }

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data";
        all[args.length + 1] = data.toString();
        return cli.execute(all);
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(platform.url() + path)).header("Content-Type", "application/json");
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_throttled_store_reaches_the_order_api_as_its_adapter_would_and_the_handler_answers_503_then_recovers()
            throws Exception {
        long orders = platform.store().orderCount();
        assertThat(run("fault", "add", "store:throttle=100%", "--function", "OrderApiFunction", "--operation", "place"))
                .isZero();
        assertThat(out.toString())
                .startsWith("added f-")
                .contains("store/place: throttle (OrderApiFunction)")
                .contains("until removed");
        HttpResponse<String> refused = http.placeOrder(token, "fault-1", Http.ORDER);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        assertThat(platform.store().orderCount()).isEqualTo(orders);

        out.getBuffer().setLength(0);
        assertThat(run("fault", "list")).isZero();
        assertThat(out.toString()).contains("applied 1");
        assertThat(run("fault", "clear")).isZero();
        assertThat(out.toString()).contains("removed 1 fault(s)");
        assertThat(http.placeOrder(token, "fault-1", Http.ORDER).statusCode()).isEqualTo(202);
    }

    @Test
    void an_api_client_retry_delivers_the_request_twice_and_still_makes_one_order() throws Exception {
        assertThat(run("fault", "add", "duplicate:api", "--function", "OrderApiFunction"))
                .isZero();
        HttpResponse<String> answer = http.placeOrder(token, "fault-retry", Http.ORDER);
        assertThat(answer.statusCode())
                .as("the retry's answer: the order exists already")
                .isEqualTo(200);
        assertThat(platform.faults().list())
                .singleElement()
                .extracting(l -> l.applied())
                .isEqualTo(1L);
    }

    @Test
    void a_crash_after_the_write_fails_the_client_and_its_retry_with_the_same_key_finds_the_one_order()
            throws Exception {
        long orders = platform.store().orderCount();
        assertThat(run("fault", "add", "function:crash", "--function", "OrderApiFunction", "--route", "POST /orders"))
                .isZero();
        assertThat(out.toString()).contains("invocations of POST /orders: crash (OrderApiFunction)");
        HttpResponse<String> crashed = http.placeOrder(token, "crash-1", Http.ORDER);
        assertThat(crashed.statusCode())
                .as("the HTTP API answers a function error with 500")
                .isEqualTo(500);
        assertThat(platform.store().orderCount())
                .as("the handler's write happened")
                .isEqualTo(orders + 1);
        assertThat(run("fault", "clear")).isZero();
        HttpResponse<String> retried = http.placeOrder(token, "crash-1", Http.ORDER);
        assertThat(retried.statusCode())
                .as("the client's retry finds the order the crash hid")
                .isEqualTo(200);
        assertThat(platform.store().orderCount()).isEqualTo(orders + 1);
    }

    @Test
    void a_function_fault_takes_only_its_own_options() {
        assertThat(run("fault", "add", "store:errors=10%", "--route", "POST /orders"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--route is for a function fault");
        assertThat(run("fault", "add", "function:errors=10%", "--percentage", "20"))
                .isEqualTo(2);
        assertThat(run("fault", "add", "function:crash", "--route", "/orders")).isEqualTo(2);
        assertThat(err.toString()).contains("route must be 'METHOD /path'");
        assertThat(platform.faults().list()).isEmpty();
    }

    @Test
    void an_unavailable_bus_keeps_the_events_in_the_outbox_and_they_are_published_when_it_returns() throws Exception {
        assertThat(run("fault", "add", "bus:unavailable")).isZero();
        assertThat(out.toString()).contains("bus: unavailable (every function)");
        int published = platform.bus().archive(Optional.empty()).size();
        assertThat(http.placeOrder(token, "bus-down-1", Http.ORDER).statusCode())
                .as("the write is acknowledged: the event waits in the outbox")
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> platform.faults().list().get(0).applied() >= 2);
        assertThat(platform.bus().archive(Optional.empty())).hasSize(published);
        assertThat(run("fault", "clear")).isZero();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> platform.bus().archive(Optional.empty()).size() > published);
    }

    @Test
    void a_throttled_stream_leaves_its_records_in_the_shard_until_the_reads_are_taken_again() {
        assertThat(run("fault", "add", "stream:throttle=100%", "--function", "FulfillmentEventsFunction"))
                .isZero();
        List<String> before = checkpoints();
        platform.fulfillment().stream()
                .put(List.of(new LocalStream.Entry(
                        "not a fulfillment event".getBytes(StandardCharsets.UTF_8), "w-1", Optional.empty())));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> platform.faults().list().get(0).applied() >= 20);
        assertThat(checkpoints()).as("no read was taken: nothing checkpointed").isEqualTo(before);
        assertThat(run("fault", "clear")).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> !checkpoints().equals(before));
    }

    private static List<String> checkpoints() {
        return platform.fulfillment().mapping().status().shards().stream()
                .map(ShardStatus::checkpoint)
                .map(String::valueOf)
                .toList();
    }

    @Test
    void the_view_adds_lists_shows_and_removes_faults() throws Exception {
        HttpResponse<String> added = send("POST", "/_local/faults", """
                {"target":"port","dependency":"mailer","effect":"latency","latency":"p50:200ms,p99:2s","duration":"5m"}""");
        assertThat(added.statusCode()).isEqualTo(201);
        String id = Json.internal().readTree(added.body()).path("id").asText();
        JsonNode listed =
                Json.internal().readTree(send("GET", "/_local/faults", null).body());
        assertThat(listed.path("faults")).hasSize(1);
        assertThat(listed.path("faults").get(0).path("endsAt").asText()).isNotEmpty();
        assertThat(send("GET", "/_local/faults/" + id, null).statusCode()).isEqualTo(200);
        assertThat(send("PUT", "/_local/faults", "{}").statusCode()).isEqualTo(405);
        assertThat(send("DELETE", "/_local/faults/" + id, null).statusCode()).isEqualTo(200);
        HttpResponse<String> gone = send("DELETE", "/_local/faults/" + id, null);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(Json.internal().readTree(gone.body()).path("message").asText())
                .isEqualTo("no fault " + id + " is on (it ended, was removed, or never was)");
    }

    @Test
    void bad_input_to_the_view_is_400_with_the_reason_and_nothing_is_added() throws Exception {
        for (String body : new String[] {
            "",
            "{",
            "{\"target\":\"port\",\"dependency\":\"store\",\"effect\":\"latency\",\"latency\":\"soon\"}",
            "{\"target\":\"port\",\"dependency\":\"store\",\"effect\":\"errors\",\"scope\":{\"function\":\"Nope\"}}"
        }) {
            HttpResponse<String> refused = send("POST", "/_local/faults", body);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(Json.internal().readTree(refused.body()).path("message").asText())
                    .as(body)
                    .isNotBlank();
        }
        assertThat(platform.faults().list()).isEmpty();
    }

    @Test
    void a_wrong_spec_is_a_usage_error_and_a_refused_fault_exits_2_with_the_platforms_reason() {
        assertThat(run("fault", "add", "store:slow")).isEqualTo(2);
        assertThat(err.toString()).contains("SPEC must be DEPENDENCY:latency=D");
        assertThat(run("fault", "add", "store:errors=10%", "--percentage", "20"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("leave out --percentage");
        assertThat(run("fault", "add", "bus:errors=10%", "--function", "OrderApiFunction"))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains("the platform refused the fault: a bus fault cannot take scope.function: the outbox relay "
                        + "publishes to the bus (PutEvents), not a function");
        assertThat(run("fault", "add", "store:latency=2s", "--version", "3")).isEqualTo(2);
        assertThat(err.toString()).contains("scope.version needs scope.function");
        assertThat(platform.faults().list()).isEmpty();
        assertThat(run("fault", "remove", "f-000000")).isEqualTo(1);
        assertThat(err.toString()).contains("no fault f-000000 is on");
        assertThat(run("fault")).isEqualTo(2);
    }

    @Test
    void without_a_platform_the_fault_commands_say_how_to_start_one(@TempDir Path elsewhere) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("fault", "list", "--data", elsewhere.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("./orders up --data " + elsewhere);
    }
}
