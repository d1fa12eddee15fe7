package dev.orders.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orders.functions.payments.PaymentSecrets;
import dev.orders.functions.payments.ProviderEvents;
import dev.orders.functions.payments.WebhookSignature;
import dev.orders.functions.shared.Json;
import dev.orders.local.paths.PaymentsPath;
import dev.orders.local.payments.LocalPaymentSecrets;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./orders pay ORDER_ID}: the provider's side of P2. Builds the provider event, signs it with the
 * secret {@code ./orders up} also reads ({@code ORDERS_PAYMENT_SECRET}, else {@code DATA/acmepay-secret}) and
 * posts it to the running platform. The amount defaults to the order's total, asked from the platform's
 * local-only {@code /_local/order-total} (a provider has no customer token). {@code --event-id} resends a
 * given provider event id (a replay).
 */
@Command(name = "pay", description = "send a signed payment callback for ORDER_ID, as the provider (acmepay) would")
final class PayCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ORDER_ID", description = "the order to pay")
    String orderId;

    @Option(names = "--fail", description = "send payment.failed instead of payment.succeeded")
    boolean fail;

    @Option(names = "--amount", paramLabel = "A", description = "the amount charged (default: the order's total)")
    String amount;

    @Option(names = "--currency", paramLabel = "C", description = "its currency (default: the order's)")
    String currency;

    @Option(
            names = "--event-id",
            paramLabel = "ID",
            description = "the provider event id (default: a new one; repeat one to replay)")
    String eventId;

    @Option(names = "--json", description = "print {\"sent\", \"status\", \"response\"} as one JSON object")
    boolean json;

    @Mixin
    DataOption data;

    @Mixin
    UrlOption url;

    @Spec
    CommandSpec spec;

    /** Built when the command runs, not when the command line is parsed: a client costs start-up time every command would pay. */
    private HttpClient http;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String base = url.resolve(data.dir);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        if (amount == null || currency == null) {
            JsonNode order = orderTotal(base);
            amount = amount == null ? order.path("amount").asText() : amount;
            currency = currency == null ? order.path("currency").asText() : currency;
        }
        Instant now = Instant.now();
        ObjectNode event = Json.internal().createObjectNode();
        event.put("id", eventId != null ? eventId : "evt_" + UUID.randomUUID());
        event.put("type", fail ? ProviderEvents.FAILED : ProviderEvents.SUCCEEDED);
        event.put("created", now.getEpochSecond());
        event.putObject("data")
                .put("orderId", orderId)
                .put("paymentId", "pay_" + UUID.randomUUID())
                .put("amount", amount)
                .put("currency", currency);
        byte[] body = event.toString().getBytes(StandardCharsets.UTF_8);

        PaymentSecrets secrets = LocalPaymentSecrets.load(data.dir);
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + PaymentsPath.WEBHOOK_PATH))
                        .header("Content-Type", "application/json")
                        .header(WebhookSignature.HEADER, WebhookSignature.sign(secrets.current(), now, body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode result = Json.internal().createObjectNode();
            result.set("sent", event);
            result.put("status", response.statusCode());
            result.put("response", response.body());
            out.println(result);
        } else {
            out.println("sent " + event);
            out.println(response.statusCode() + " " + response.body());
        }
        out.flush();
        if (response.statusCode() == 401) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("orders: the platform refused the signature (401). This command signed with the secret from "
                    + LocalPaymentSecrets.source(data.dir)
                    + "; it must be the secret the running ./orders up uses: start both with the same "
                    + PaymentSecrets.CURRENT_VARIABLE + " (or both without it) and the same --data.");
            err.flush();
        }
        return response.statusCode() / 100 == 2 ? 0 : 1;
    }

    private JsonNode orderTotal(String base) throws IOException, InterruptedException {
        HttpResponse<String> total = http.send(
                HttpRequest.newBuilder(URI.create(base + "/_local/order-total?orderId="
                                + URLEncoder.encode(orderId, StandardCharsets.UTF_8)))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (total.statusCode() != 200) {
            throw new Main.CommandFailure(
                    "cannot find order " + orderId + " at " + base + ": " + total.statusCode() + " " + total.body());
        }
        return Json.internal().readTree(total.body());
    }
}
